// The standalone Nest application over a ready database: used by e2e tests and benchmarks.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, migrateDatabase } from '#platform';
import { ALL_MIGRATIONS } from './schema.js';
import type { StandaloneConfig } from './standalone.config.js';
import { STANDALONE } from './standalone.service.js';

export const migrate = (databaseUrl: string): Promise<string[]> => migrateDatabase(databaseUrl, ALL_MIGRATIONS);

export const createStandaloneApp = (config: StandaloneConfig, databaseUrl: string, logger = true): Promise<NestFastifyApplication> =>
  createServiceApp(STANDALONE, config, databaseUrl, logger);
