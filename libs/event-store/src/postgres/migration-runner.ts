// Versioned SQL migrations: each runs once, recorded by id; in its own transaction, unless it can
// only run outside one (`CREATE INDEX CONCURRENTLY`).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';

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

export type Migration = (MigrationId & { readonly sql: string }) | MigrationOutsideTransaction;

const MIGRATIONS_TABLE = 'schema_migrations';
// One fixed advisory lock key for every lib: starters that migrate concurrently take turns instead
// of racing to create the same objects.
const MIGRATION_LOCK_KEY = 741_852_963;
/** How often a runner asks for the lock while another one migrates. */
const LOCK_POLL_MS = 100;

/** Applies the migrations not yet recorded, in list order. Returns the ids it applied. */
export async function runMigrations(pool: Pool, migrations: readonly Migration[]): Promise<string[]> {
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
          await apply(client, migration);
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

async function apply(client: PoolClient, migration: Migration): Promise<void> {
  const record = (): Promise<unknown> => client.query(`INSERT INTO ${MIGRATIONS_TABLE} (id) VALUES ($1)`, [migration.id]);
  if ('statements' in migration) {
    for (const statement of migration.statements) await client.query(statement);
    await record();
    return;
  }
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await record();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

function assertUniqueIds(migrations: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (seen.has(id)) throw new Error(`migration id ${id} appears twice`);
    seen.add(id);
  }
}
