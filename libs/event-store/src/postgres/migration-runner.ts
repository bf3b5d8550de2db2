// Versioned SQL migrations: each runs once, recorded by id; in its own transaction, unless it can
// only run outside one (`CREATE INDEX CONCURRENTLY`).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';
import { isLockTimeout } from './connection-errors.js';

interface MigrationId {
  /** Unique across every lib sharing the database, e.g. `event-store/0001-events`; never renamed. */
  readonly id: string;
}

/**
 * Statements run one by one outside a transaction, then recorded: for an index built
 * `CONCURRENTLY` on a table that must go on taking writes meanwhile. A failure can leave them done
 * in part (an invalid index), so they must be safe to run again: drop what they create first.
 */
export interface MigrationOutsideTransaction extends MigrationId {
  readonly statements: readonly string[];
  readonly transaction: false;
}

/** SQL run in one transaction with its record: all of it or none. */
interface MigrationInTransaction extends MigrationId {
  readonly sql: string;
}

export type Migration = MigrationInTransaction | MigrationOutsideTransaction;

const MIGRATIONS_TABLE = 'schema_migrations';
// One fixed advisory lock key for every lib: starters that migrate concurrently take turns instead
// of racing to create the same objects.
const MIGRATION_LOCK_KEY = 741_852_963;
/** How often a runner asks for the lock while another one migrates. */
const LOCK_POLL_MS = 100;

export interface MigrationOptions {
  /**
   * Told, every `waitReportMs` while a statement outside a transaction runs, which sessions it is
   * waiting for: an index built CONCURRENTLY waits for every transaction older than it in the
   * database, and a session left idle in one would otherwise hold a start without a word.
   */
  readonly onWait?: (message: string) => void;
  /** Default 10 s. */
  readonly waitReportMs?: number;
  /**
   * How long a migration in a transaction waits for each lock it takes (default 2 s), and how many
   * times it is tried (default 30, pausing up to 2 s between tries): a lock queued behind a long
   * transaction would hold every query queued behind it, in a database serving the running release.
   */
  readonly lockTimeoutMs?: number;
  readonly lockAttempts?: number;
}


/**
 * Applies the migrations not yet recorded, in list order. Returns the ids it applied. `pool` needs
 * a second connection for `onWait`'s look at what a statement waits for.
 */
export async function runMigrations(pool: Pool, migrations: readonly Migration[], options: MigrationOptions = {}): Promise<string[]> {
  assertUniqueIds(migrations);
  const client = await pool.connect();
  try {
    await takeMigrationLock(client);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
           id text PRIMARY KEY,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM ${MIGRATIONS_TABLE}`);
      const applied = new Set(rows.map((row) => row.id));
      const pending = migrations.filter((migration) => !applied.has(migration.id));
      for (const migration of pending) {
        try {
          if ('statements' in migration) await applyOutside(client, migration, (statement) => watched(pool, client, migration.id, statement, options));
          else await applyInTransaction(client, migration, options);
        } catch (error) {
          throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`, { cause: error });
        }
      }
      return pending.map((migration) => migration.id);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * Asked for again and again rather than waited for in one statement: a statement waiting holds a
 * snapshot, and CREATE INDEX CONCURRENTLY, run by the holder, waits for every older snapshot in
 * the database, so runners started together deadlocked (PostgreSQL then aborted one of them).
 */
async function takeMigrationLock(client: PoolClient): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (rows[0].locked) return;
    await sleep(LOCK_POLL_MS);
  }
}

/** `statement` run on `client`, with what it waits for reported meanwhile (`MigrationOptions.onWait`). */
async function watched(pool: Pool, client: PoolClient, id: string, statement: string, options: MigrationOptions): Promise<void> {
  const { onWait } = options;
  if (onWait === undefined) {
    await client.query(statement);
    return;
  }
  const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  const timer = setInterval(() => {
    reportWaits(pool, pid, id, onWait).catch(() => undefined); // a report that fails says nothing: the statement goes on
  }, options.waitReportMs ?? 10_000);
  try {
    await client.query(statement);
  } finally {
    clearInterval(timer);
  }
}

async function reportWaits(pool: Pool, pid: number, id: string, onWait: (message: string) => void): Promise<void> {
  const { rows } = await pool.query<{ pid: number; state: string; seconds: number; query: string }>(
    `SELECT pid, state, round(extract(epoch FROM now() - coalesce(xact_start, query_start)))::int AS seconds, left(query, 60) AS query
       FROM pg_stat_activity WHERE pid = ANY (pg_blocking_pids($1)) ORDER BY pid`,
    [pid],
  );
  if (rows.length === 0) return;
  const sessions = rows.map((row) => `pid ${row.pid} (${row.state} for ${row.seconds} s, last: ${row.query})`);
  onWait(`migration ${id} is waiting for ${sessions.join(', ')}: it goes on once they end`);
}

const record = (client: PoolClient, migration: Migration): Promise<unknown> =>
  client.query(`INSERT INTO ${MIGRATIONS_TABLE} (id) VALUES ($1)`, [migration.id]);

async function applyOutside(
  client: PoolClient, migration: MigrationOutsideTransaction, runOutside: (statement: string) => Promise<void>,
): Promise<void> {
  for (const statement of migration.statements) await runOutside(statement);
  await record(client, migration);
}

async function applyInTransaction(client: PoolClient, migration: MigrationInTransaction, options: MigrationOptions): Promise<void> {
  const timeoutMs = options.lockTimeoutMs ?? 2000;
  const attempts = options.lockAttempts ?? 30;
  for (let attempt = 1; ; attempt++) {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
      await client.query(migration.sql);
      await record(client, migration);
      await client.query('COMMIT');
      return;
    } catch (error) {
      await client.query('ROLLBACK');
      if (!isLockTimeout(error)) throw error;
      if (attempt >= attempts) throw new Error(`other sessions held the tables it changes through ${attempts} tries of ${timeoutMs} ms`, { cause: error });
      options.onWait?.(`migration ${migration.id} could not take its locks within ${timeoutMs} ms (try ${attempt} of ${attempts}): other sessions hold the tables it changes; trying again`);
      await sleep(Math.min(2000, 50 * 2 ** attempt));
    }
  }
}

function assertUniqueIds(migrations: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (seen.has(id)) throw new Error(`migration id ${id} appears twice`);
    seen.add(id);
  }
}
