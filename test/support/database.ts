// A fresh database per spec file, cloned from the migrated template of the run (about 0.1 s).
import { randomBytes } from 'node:crypto';
import { Pool, type PoolConfig } from 'pg';
import { ADMIN_URL_ENV, TEMPLATE_DATABASE_ENV, adminQuery, databaseUrl } from './test-server-access.js';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: Pool;
  /** Ends the pool and drops the database. */
  readonly drop: () => Promise<void>;
}

export async function createTestDatabase(poolConfig: Omit<PoolConfig, 'connectionString'> = {}): Promise<TestDatabase> {
  const adminUrl = requiredEnv(ADMIN_URL_ENV);
  const template = requiredEnv(TEMPLATE_DATABASE_ENV);
  const name = `leadline_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = databaseUrl(adminUrl, name);
  const pool = new Pool({ max: 40, ...poolConfig, connectionString: url });
  // Idle connections dropped by the server (outage tests) must not crash the worker.
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    drop: async () => {
      await endPool(pool);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Ends a pool and waits until each of its connections has closed. `pool.end()` resolves once the
 * clients were told to close, not once they have: a `DROP DATABASE ... WITH (FORCE)` right after
 * can still kill one, and its FATAL reaches a pool nobody listens on any more (an uncaught error).
 */
export async function endPool(pool: Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this spec in jest's integration project (global setup)`);
  return value;
}
