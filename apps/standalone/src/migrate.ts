// `npm run migrate`: applies every pending migration to DATABASE_URL (or the embedded database) and exits.
import { loadPlatformConfig, migrateDatabase, resolveDatabase } from '#platform';
import { ALL_MIGRATIONS } from './schema.js';

async function main(): Promise<void> {
  const database = await resolveDatabase(loadPlatformConfig(), { shareRunning: true });
  try {
    const applied = await migrateDatabase(database.url, ALL_MIGRATIONS);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema up to date');
  } finally {
    await database.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
