// One PostgreSQL per jest run (embedded in a temp dir, or DATABASE_URL), migrated once into a
// template database that every spec file clones (database.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { runMigrations, startEmbeddedPostgres } from '#event-store';
import { freePort } from './free-port.js';
import { testMigrations } from './migrations.js';
import { TEARDOWN_KEY, type Teardown } from './teardown-key.js';
import { ADMIN_URL_ENV, TEMPLATE_DATABASE_ENV, adminQuery, databaseUrl } from './test-server-access.js';

export async function startTestServer(): Promise<void> {
  const server = process.env.DATABASE_URL ? externalServer(process.env.DATABASE_URL) : await embeddedServer();
  const template = `leadline_template_${process.pid}_${Date.now()}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE ${template}`);
  const pool = new Pool({ connectionString: databaseUrl(server.adminUrl, template), max: 1 });
  try {
    for (const migrations of testMigrations) await runMigrations(pool, migrations);
  } finally {
    await pool.end();
  }
  // Jest starts its workers after global setup: they inherit these.
  process.env[ADMIN_URL_ENV] = server.adminUrl;
  process.env[TEMPLATE_DATABASE_ENV] = template;
  (globalThis as { [TEARDOWN_KEY]?: Teardown })[TEARDOWN_KEY] = async () => {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await server.stop();
  };
}

interface Server {
  readonly adminUrl: string;
  readonly stop: () => Promise<void>;
}

function externalServer(url: string): Server {
  return { adminUrl: url, stop: async () => undefined };
}

async function embeddedServer(): Promise<Server> {
  const dataDir = await mkdtemp(join(tmpdir(), 'leadline-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    disposable: true,
    // Concurrency specs open 30+ connections each, and jest may run several files at once.
    settings: { max_connections: '300' },
  });
  return {
    adminUrl: server.url,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

