// Versioned SQL migrations: each runs once, in its own transaction, recorded by id.
import type { Pool } from 'pg';

export interface Migration {
  /** Unique across every lib sharing the database, e.g. `event-store/0001-events`; never renamed. */
  readonly id: string;
  readonly sql: string;
}

const MIGRATIONS_TABLE = 'schema_migrations';
// One fixed advisory lock key for every lib: starters that migrate concurrently queue up instead
// of racing to create the same objects.
const MIGRATION_LOCK_KEY = 741_852_963;

/** Applies the migrations not yet recorded, in list order. Returns the ids it applied. */
export async function runMigrations(pool: Pool, migrations: readonly Migration[]): Promise<string[]> {
  assertUniqueIds(migrations);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
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
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (id) VALUES ($1)`, [migration.id]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
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

function assertUniqueIds(migrations: readonly Migration[]): void {
  const seen = new Set<string>();
  for (const { id } of migrations) {
    if (seen.has(id)) throw new Error(`migration id ${id} appears twice`);
    seen.add(id);
  }
}
