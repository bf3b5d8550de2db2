// The `lead` and `source` of a marketing message (API.md), which `POST /v1/leads` takes as they are:
// one definition for both, so a capture over HTTP and one from marketing validate alike.
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DECISION_ROLES, SOURCE_CHANNELS } from '#domain';

export class CompanyDto {
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiProperty({ required: false, example: 'example.com' })
  @IsOptional()
  @Matches(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, { message: 'must be a domain name' })
  domain?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(100) industry?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) employees?: number;
  @ApiProperty({ required: false, example: 'SE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class LeadDto {
  @ApiProperty({ example: 'ada@example.com' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(100) firstName?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiProperty({ required: false, enum: DECISION_ROLES }) @IsOptional() @IsIn(DECISION_ROLES) decisionRole?: (typeof DECISION_ROLES)[number];
  @ApiProperty({ required: false, type: CompanyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CompanyDto) company?: CompanyDto;
}

export class SourceDto {
  @ApiProperty({ enum: SOURCE_CHANNELS }) @IsIn(SOURCE_CHANNELS) channel!: (typeof SOURCE_CHANNELS)[number];
  @ApiProperty({ required: false, example: 'q4-webinar' }) @IsOptional() @IsString() @Length(1, 100) campaignId?: string;
}
