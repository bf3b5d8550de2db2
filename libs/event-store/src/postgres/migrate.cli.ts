// `node dist/libs/event-store/src/postgres/migrate.cli.js`: applies the event store's migrations
// to DATABASE_URL (the apps also run them at start-up).
import { Pool } from 'pg';
import { runMigrations } from './migration-runner.js';
import { eventStoreMigrations } from './migrations/event-store.migrations.js';

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const pool = new Pool({ connectionString, max: 1 });
  try {
    const applied = await runMigrations(pool, eventStoreMigrations);
    console.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'event store schema is up to date');
  } finally {
    await pool.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
