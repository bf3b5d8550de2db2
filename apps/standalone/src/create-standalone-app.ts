// Builds the standalone Nest application over a ready database: used by main and by e2e tests.
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { runMigrations } from '#event-store';
import { configureHttpApp } from '#platform';
import { ALL_MIGRATIONS } from './schema.js';
import type { StandaloneConfig } from './standalone.config.js';
import { StandaloneModule } from './standalone.module.js';

export const migrate = async (databaseUrl: string): Promise<string[]> => {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return await runMigrations(pool, ALL_MIGRATIONS);
  } finally {
    await pool.end();
  }
};

export const createStandaloneApp = async (config: StandaloneConfig, databaseUrl: string, logger = true): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(StandaloneModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger: logger ? undefined : false,
  });
  configureHttpApp(app, 'Leadline');
  return app;
};
