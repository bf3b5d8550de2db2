// A process refuses to start when data keys in the database need a master key its configuration
// lacks: otherwise every read of those leads, and every projection page holding one of their
// events, would fail later, one by one.
import { randomUUID } from 'node:crypto';
import { masterKeyId, PostgresDataKeyStore } from '#event-store';
import { createStandaloneApp } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);

describe('master keys checked at start', () => {
  let db: TestDatabase;
  beforeEach(async () => { db = await createTestDatabase(); });
  afterEach(async () => { await db.drop(); });

  const start = (env: Record<string, string>) =>
    createStandaloneApp(loadStandaloneConfig({ NODE_ENV: 'test', PROJECTOR_ENABLED: 'false', ...env }), db.url, false);

  it('refuses to start without the master key that wraps stored data keys, and starts with it among the previous ones', async () => {
    await new PostgresDataKeyStore(db.pool, OLD).findOrCreate([randomUUID(), randomUUID()]);

    await expect(start({ PII_MASTER_KEY: NEW.toString('base64') }))
      .rejects.toThrow(`wrapped by master keys that are not configured (2 by ${masterKeyId(OLD)}): add those keys to PII_PREVIOUS_MASTER_KEYS`);
    const app = await start({ PII_MASTER_KEY: NEW.toString('base64'), PII_PREVIOUS_MASTER_KEYS: OLD.toString('base64') });
    await app.close();
  });

  it('spells out the development key when a store begun without PII_MASTER_KEY gets one', async () => {
    const development = await start({});
    await development.get(PostgresDataKeyStore).findOrCreate([randomUUID()]);
    await development.close();

    const attempt = start({ PII_MASTER_KEY: NEW.toString('base64') });
    await expect(attempt).rejects.toThrow(/1 by [0-9a-f]{16}, the development key \([A-Za-z0-9+/]{43}=\)/);
  });

  it('tells data keys from before master key ids apart, trying the configured keys on one of them', async () => {
    await new PostgresDataKeyStore(db.pool, OLD).findOrCreate([randomUUID()]);
    await db.pool.query('UPDATE pii_data_keys SET master_key_id = NULL');

    await expect(start({ PII_MASTER_KEY: NEW.toString('base64') })).rejects.toThrow('(1 wrapped before master key ids were stored, by none of the configured keys)');
    const app = await start({ PII_MASTER_KEY: OLD.toString('base64') });
    await app.close();
  });
});
