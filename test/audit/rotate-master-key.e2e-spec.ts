// `npm run rotate-master-key` as an operator runs it: the built command against a database, with
// the new key as PII_MASTER_KEY and the old one in PII_PREVIOUS_MASTER_KEYS, in the services'
// environment (it reads the same configuration they do).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { masterKeyId, PostgresDataKeyStore } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const COMMAND = join(__dirname, '..', '..', 'dist', 'apps', 'standalone', 'src', 'rotate-master-key.js');
const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);

const rotate = (env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> => new Promise((resolve) => {
  if (!existsSync(COMMAND)) throw new Error(`${COMMAND} is missing: run \`npm test\`, which builds before testing`);
  execFile(process.execPath, [COMMAND], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', API_KEYS: 'ops-admin=admin', ...env } }, (error, stdout, stderr) =>
    resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }));
});

describe('npm run rotate-master-key', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  it('re-wraps the data keys into the new master key and reports what it did', async () => {
    const leads = [randomUUID(), randomUUID(), randomUUID()];
    await new PostgresDataKeyStore(db.pool, OLD).findOrCreate(leads);
    const env = { DATABASE_URL: db.url, PII_MASTER_KEY: NEW.toString('base64'), PII_PREVIOUS_MASTER_KEYS: OLD.toString('base64') };

    const first = await rotate(env);
    expect(first).toMatchObject({ code: 0 });
    expect(JSON.parse(first.stdout)).toEqual({
      masterKeyId: masterKeyId(NEW), rewrapped: 3, before: { [masterKeyId(OLD)]: 3 }, after: { [masterKeyId(NEW)]: 3 },
    });
    expect(JSON.parse((await rotate(env)).stdout)).toMatchObject({ rewrapped: 0 });
  });

  it('refuses a bad previous key, naming it, and a data key it cannot open, before changing anything', async () => {
    const bad = await rotate({ DATABASE_URL: db.url, PII_MASTER_KEY: NEW.toString('base64'), PII_PREVIOUS_MASTER_KEYS: 'short' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('PII_PREVIOUS_MASTER_KEYS: entry 1 must be base64 of exactly 32 bytes');

    // the old key left out too early: nothing is re-wrapped, and the command says which key is missing
    await new PostgresDataKeyStore(db.pool, OLD).findOrCreate([randomUUID()]);
    const early = await rotate({ DATABASE_URL: db.url, PII_MASTER_KEY: NEW.toString('base64') });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`not configured (1 by ${masterKeyId(OLD)}): add those keys to PII_PREVIOUS_MASTER_KEYS (nothing was re-wrapped)`);
    expect(await new PostgresDataKeyStore(db.pool, NEW).wrappedBy()).toEqual(new Map([[masterKeyId(NEW), 3], [masterKeyId(OLD), 1]]));
  });
});
