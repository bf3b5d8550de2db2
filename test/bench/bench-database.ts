// What the benchmarks share: a PostgreSQL to measure on, and the raw node-postgres INSERT every
// append is compared with.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { startEmbeddedPostgres } from '#event-store';
import { freePort } from '../support/free-port.js';
import { benchEvent } from './event-store-bench-tools.js';

/** DATABASE_URL (it needs CREATEDB) gets a fresh database; otherwise a durable embedded PostgreSQL in a temp dir. */
export async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const database = `leadline_bench_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${database}`;
    return { url: url.toString(), stop: async () => undefined };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'leadline-bench-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir, port: await freePort(), database,
    settings: { max_connections: '100', ...(process.env.BENCH_STATEMENTS ? { shared_preload_libraries: 'pg_stat_statements' } : {}) },
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The benchmark's own pool. pool.end() resolves before its connections have closed, so the server's
 * shutdown may still reach them: that is not worth a stack trace, any other lost connection is.
 */
export function benchPool(url: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', (error) => {
    if (!pool.ending) console.error('idle connection lost', error);
  });
  return pool;
}

/**
 * Where PostgreSQL's time went, statement by statement (`pg_stat_statements`), for a run with
 * BENCH_STATEMENTS=1: the embedded server then preloads the extension (a DATABASE_URL server must
 * have it in shared_preload_libraries). Null when not asked for.
 */
export async function statementStats(pool: Pool): Promise<{ top: (count: number) => Promise<Record<string, unknown>[]> } | null> {
  if (!process.env.BENCH_STATEMENTS) return null;
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await pool.query('SELECT pg_stat_statements_reset()');
  return {
    top: async (count) => (await pool.query(
      `SELECT calls::int, round(total_exec_time)::int AS "execMs", rows::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 120) AS query
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`, [count])).rows,
  };
}

// The baseline: the same ~400 B event as one autocommit INSERT into a plain table.
export const RAW_TABLE = `
  CREATE TABLE IF NOT EXISTS raw_events (
    position bigserial PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL, event_id uuid NOT NULL,
    type text NOT NULL, schema_version integer NOT NULL, data json NOT NULL, metadata json NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now())`;
const RAW_INSERT = `INSERT INTO raw_events (stream_id, revision, event_id, type, schema_version, data, metadata)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)`;

export async function rawInsert(pool: Pool, streamId: string, revision: number, sequence: number): Promise<void> {
  const event = benchEvent(sequence);
  await pool.query(RAW_INSERT, [
    streamId, revision, event.eventId, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.metadata),
  ]);
}


/** The bulk baseline: `count` such events in one multi-row INSERT (7 parameters a row, so at most 9,362 rows). */
export async function rawInsertMany(pool: Pool, firstSequence: number, count: number): Promise<void> {
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (let sequence = firstSequence; sequence < firstSequence + count; sequence++) {
    const event = benchEvent(sequence);
    const at = values.length;
    tuples.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7})`);
    values.push(`raw-bulk-${sequence}`, 1, event.eventId, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.metadata));
  }
  await pool.query(
    `INSERT INTO raw_events (stream_id, revision, event_id, type, schema_version, data, metadata) VALUES ${tuples.join(', ')}`,
    values,
  );
}
