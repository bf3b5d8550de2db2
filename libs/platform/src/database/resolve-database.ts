// DATABASE_URL when given; otherwise an embedded PostgreSQL under DATA_DIR, so `npm start` needs
// nothing installed. Its data survives restarts.
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { startEmbeddedPostgres } from '#event-store';
import type { PlatformConfig } from '../config/platform.config.js';

export interface ResolvedDatabase {
  readonly url: string;
  readonly embedded: boolean;
  readonly stop: () => Promise<void>;
}

/**
 * @param shareRunning a command run beside the backend (`rebuild`, `migrate`, `rotate-master-key`):
 *   uses the embedded server a running process has, and leaves it running
 */
export const resolveDatabase = async (config: PlatformConfig, { shareRunning = false } = {}): Promise<ResolvedDatabase> => {
  if (config.databaseUrl !== undefined) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const dataDir = resolve(config.dataDir, 'postgres');
  const logger = new Logger('EmbeddedPostgres');
  logger.log(`no DATABASE_URL: starting embedded PostgreSQL in ${dataDir} on port ${config.embeddedPostgresPort}`);
  const server = await startEmbeddedPostgres({ dataDir, port: config.embeddedPostgresPort, shareRunning });
  if (server.runningFor !== null) logger.log(`process ${server.runningFor} runs it already: sharing it, and leaving it running`);
  return { url: server.url, embedded: true, stop: server.stop };
};
