// The conformance suite against PostgreSQL: a fresh database per store, reached through a proxy
// the outage test can cut.
import { PostgresEventStore } from '#event-store';
import { Pool } from 'pg';
import { createTestDatabase } from '../support/database.js';
import { proxiedDatabaseUrl } from '../support/tcp-proxy.js';
import { describeEventStoreConformance, type EventStoreUnderTest } from './event-store-conformance.js';

async function postgresEventStore(): Promise<EventStoreUnderTest> {
  const database = await createTestDatabase();
  const { url, proxy } = await proxiedDatabaseUrl(database.url);
  const pool = new Pool({ connectionString: url, max: 40, connectionTimeoutMillis: 2000 });
  // The outage drops idle connections too; the store's next query reports it.
  pool.on('error', () => undefined);
  return {
    store: new PostgresEventStore(pool, undefined, { pollIntervalMs: 100, maxRetryDelayMs: 200 }),
    interrupt: async () => {
      proxy.cut();
      return async () => proxy.restore();
    },
    close: async () => {
      await pool.end();
      await proxy.close();
      await database.drop();
    },
  };
}

describeEventStoreConformance('PostgreSQL', postgresEventStore);
