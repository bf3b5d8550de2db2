// `npm run rebuild -- <projection>` as an operator runs it: the built command against the database
// of a running backend, in the services' environment. The backend runs no projector (a query
// service whose projector is stopped), so the rebuild's swap is what moves the checkpoint.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckpoint } from '#projections';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { captureAt, engage } from './lead-commands.js';

const COMMAND = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'rebuild.cli.js');

const rebuild = (url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => new Promise((resolve) => {
  if (!existsSync(COMMAND)) throw new Error(`${COMMAND} is missing: run \`npm test\`, which builds before testing`);
  execFile(process.execPath, [COMMAND, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', API_KEYS: 'ops-admin=admin', PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), DATABASE_URL: url },
  }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }));
});

describe('npm run rebuild', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), PROJECTOR_ENABLED: 'false' });
    await captureAt(t.app, 'cli@example.com', '2026-11-02T09:00:00.000Z');
    await engage(t.app, 'cli@example.com', 'demo_requested', '2026-11-02T09:05:00.000Z');
  });
  afterAll(async () => { await t.close(); });

  it('rebuilds the projection named and says where its checkpoint is', async () => {
    const result = await rebuild(t.db.url, 'leads');
    expect(result).toMatchObject({ code: 0 });
    const { position, eventRecordedAt } = await readCheckpoint(t.db.pool, 'leads');
    expect(result.stdout).toContain(`rebuilt leads: checkpoint ${position}`);
    // the checkpoint's event, although the swap itself found nothing new to apply
    const last = await t.db.pool.query<{ recorded_at: Date }>('SELECT max(recorded_at) AS recorded_at FROM es_events');
    expect(eventRecordedAt).toBe(last.rows[0].recorded_at.toISOString());
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM rm_leads');
    expect(rows[0].n).toBe(1);
  });

  it('names the projections it knows when given none or another', async () => {
    for (const args of [[], ['sideways']]) {
      const result = await rebuild(t.db.url, ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('usage: npm run rebuild -- <projection>, one of: leads, funnel');
    }
  });
});
