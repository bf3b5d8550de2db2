import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { hello } from '#domain';
@Module({}) class AppModule {}
async function main(): Promise<void> { const app = await NestFactory.create(AppModule); await app.listen(3999); console.log(hello(2)); await app.close(); }
void main();
