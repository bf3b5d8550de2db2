// The embedded PostgreSQL of a data directory, found running when a process starts on it. While the
// Node process that started it lives: shared by a command (`npm run rebuild` beside `npm start`),
// refused to a long-running process (the owner may be a command about to stop it). Once that
// process died (SIGKILL leaves the server orphaned, holding the port and the pid file): stopped and
// started anew. Both sides run as processes of their own, as they do for real (and jest cannot load
// the ESM package).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/free-port.js';

const EVENT_STORE_LIB = join(__dirname, '..', '..', 'dist', 'libs', 'event-store', 'src', 'index.js');

const starting = (dataDir: string, port: number, then: string, shareRunning = false): string => {
  if (!existsSync(EVENT_STORE_LIB)) throw new Error(`${EVENT_STORE_LIB} is missing: run \`npm test\`, which builds before testing`);
  return `require(${JSON.stringify(EVENT_STORE_LIB)}).startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, disposable: true, shareRunning: ${shareRunning} })
    .then(${then}, (error) => { console.error(error); process.exit(1); });`;
};

/** A Node process that starts the embedded server of `dataDir` and keeps it until it is killed. */
const owner = async (dataDir: string): Promise<{ child: ChildProcess; url: string }> => {
  const child = spawn(process.execPath, ['-e', starting(dataDir, await freePort(), '(server) => { console.log(server.url); setInterval(() => undefined, 1 << 30); }')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the owner exited with ${code}`)));
  });
  return { child, url };
};

/** Another process starting on the same directory: what it got, and whether it answered, before it stopped its side. */
const secondStart = async (dataDir: string, port: number, shareRunning: boolean): Promise<{ runningFor: number | null; url: string; answered: boolean }> => {
  const then = `async (server) => { const { Client } = require('pg'); const client = new Client({ connectionString: server.url });
    await client.connect(); const { rows } = await client.query('SELECT 1 AS one'); await client.end();
    await server.stop(); console.log(JSON.stringify({ runningFor: server.runningFor, url: server.url, answered: rows[0].one === 1 })); }`;
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['-e', starting(dataDir, port, then, shareRunning)], (error, out) => (error ? reject(error) : resolve(out)));
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '');
};

const answers = async (url: string): Promise<boolean> => {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query('SELECT 1 AS one')).rows[0].one === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

describe('an embedded PostgreSQL found running', () => {
  jest.setTimeout(60_000);
  let dataDir: string;
  let first: { child: ChildProcess; url: string };
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'leadline-owner-pg-'));
    first = await owner(dataDir);
  });
  afterAll(async () => {
    first.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is shared with a command while its owner lives, and left running for it', async () => {
    const second = await secondStart(dataDir, await freePort(), true);
    expect(second).toEqual({ runningFor: first.child.pid, url: first.url, answered: true });
    expect(await answers(first.url)).toBe(true); // the owner's database is still there
  });

  it('is refused to a long-running process while its owner lives, and left running', async () => {
    await expect(secondStart(dataDir, await freePort(), false)).rejects.toThrow(`is run by process ${first.child.pid}`);
    expect(await answers(first.url)).toBe(true);
  });

  it('is stopped and started anew once its owner died', async () => {
    first.child.kill('SIGKILL'); // its server is orphaned
    await new Promise((resolve) => first.child.once('exit', resolve));
    const port = await freePort();
    const second = await secondStart(dataDir, port, false);
    expect(second).toMatchObject({ runningFor: null, answered: true });
    expect(second.url).toContain(`:${port}/`);
    expect(await answers(first.url)).toBe(false); // the orphan was stopped
  });
});
