// `npm run rotate-master-key`: re-wraps every lead's data key into PII_MASTER_KEY, opening those
// still wrapped by an older key with PII_PREVIOUS_MASTER_KEYS, against DATABASE_URL (or the
// embedded database). Nothing sealed with the data keys changes. The steps (README, "Rotating the
// master key"): every process restarted with the new key as PII_MASTER_KEY and the old one in
// PII_PREVIOUS_MASTER_KEYS, then this, then the old key dropped from PII_PREVIOUS_MASTER_KEYS.
import { PostgresDataKeyStore } from '#event-store';
import { ConfigError, loadPlatformConfig, migrateDatabase, missingMasterKeysProblem, openPool, resolveDatabase } from '#platform';
import { ALL_MIGRATIONS } from './schema.js';

const countsOf = (wrapped: ReadonlyMap<string | null, number>): Record<string, number> =>
  Object.fromEntries([...wrapped].map(([id, keys]) => [id ?? 'unlabelled', keys]));

async function main(): Promise<number> {
  const config = loadPlatformConfig();
  const database = await resolveDatabase(config, { shareRunning: true });
  const pool = openPool({ connectionString: database.url, max: 2 });
  try {
    await migrateDatabase(database.url, ALL_MIGRATIONS); // the master-key column, on a store older than it
    const { masterKey, previousMasterKeys } = config.personalData;
    const store = new PostgresDataKeyStore(pool, masterKey, previousMasterKeys);
    const missing = await store.missingMasterKeys();
    if (missing.size > 0) {
      console.error(`${missingMasterKeysProblem(missing)} (nothing was re-wrapped)`);
      return 1;
    }
    const before = await store.wrappedBy();
    const rewrapped = await store.rewrapAll();
    const after = await store.wrappedBy();
    const left = [...after].filter(([id]) => id !== store.currentMasterKeyId).reduce((sum, [, keys]) => sum + keys, 0);
    console.log(JSON.stringify({ masterKeyId: store.currentMasterKeyId, rewrapped, before: countsOf(before), after: countsOf(after) }));
    if (left > 0) {
      // created meanwhile by a process still running with the old key as PII_MASTER_KEY
      console.error(`${left} data keys are wrapped by another master key: restart every process with the new PII_MASTER_KEY, then run this again`);
      return 1;
    }
    return 0;
  } finally {
    await pool.end();
    await database.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
