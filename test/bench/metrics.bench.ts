// GET /v1/metrics/{name} at 10,000 and 100,000 leads: each metric answers a one-year monthly series;
// p50/p99 per metric and size, printed as JSON lines. Usage (docs/PERFORMANCE.md):
//   npx tsc -p tsconfig.build.json && node dist/test/bench/metrics.bench.js [--sizes=10000,100000] [--metrics=velocity,funnel]
// Loading: seeded random histories (legal paths decided by the domain, ~10 events a lead with the
// marketing engagements) are appended through the PostgreSQL event store, 32 streams at a time; then
// the funnel projection runs alone until its checkpoint reaches the head; then the app serves the
// queries with its projector off. Leads arrive at a constant rate (10,000 a year), so 100,000 leads
// are ten years of history and the year asked for holds the same volume at both sizes: what grows is
// the history stored, which is what a metric's cost must not follow.
import type { Pool } from 'pg';
import request from 'supertest';
import { toNewEvents } from '#commands';
import { leadStreamName } from '#domain';
import { PostgresEventStore, runMigrations } from '#event-store';
import { ProjectionRunner } from '#projections';
import { FunnelProjection } from '../../apps/projector/src/funnel/funnel.projection.js';
import { createStandaloneApp } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { ALL_MIGRATIONS } from '../../apps/standalone/src/schema.js';
import { randomLead, seededRandom } from '../metrics/random-histories.js';
import { benchPool, startServer } from './bench-database.js';

const SIZES = (process.argv.find((arg) => arg.startsWith('--sizes='))?.slice('--sizes='.length) ?? '10000,100000').split(',').map(Number);
const LEADS_PER_YEAR = 10_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const APPEND_CONCURRENCY = 32;
const ALL_METRICS = [
  'funnel', 'time-in-stage', 'velocity', 'coverage', 'win-rate', 'pipeline-conversion', 'sales-growth', 'quota-attainment',
  'leads-by-source', 'lead-roi', 'nurture-tracks', 'upsell', 'revenue-by-product', 'deal-size', 'deal-stages',
];
const METRICS = process.argv.find((arg) => arg.startsWith('--metrics='))?.slice('--metrics='.length).split(',') ?? ALL_METRICS;
/** The last whole year of every size's history. */
const YEAR = 2025;

const print = (line: Record<string, unknown>): void => console.log(JSON.stringify(line));
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms: number): number => Math.round(ms * 100) / 100;

async function load(pool: Pool, leads: number): Promise<{ events: number; head: string }> {
  const store = new PostgresEventStore(pool);
  const years = leads / LEADS_PER_YEAR;
  const options = { start: `${YEAR + 1 - years}-01-01T00:00:00Z`, spanDays: 365 * years, engagementsPerStep: 1 };
  const random = seededRandom(7);
  let next = 0;
  let events = 0;
  let head = '0';
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= leads) return;
      const lead = randomLead(random, index, options);
      const context = { actor: 'bench', correlationId: lead.leadId, causationId: null, now: lead.events[0].data.occurredAt };
      const appended = await store.append(leadStreamName(lead.leadId), toNewEvents(lead.events, context), { expectedRevision: 'no_stream' });
      events += lead.events.length;
      if (appended.position > head) head = appended.position;
    }
  };
  await Promise.all(Array.from({ length: APPEND_CONCURRENCY }, worker));
  return { events, head };
}

async function project(pool: Pool, head: string): Promise<void> {
  const runner = new ProjectionRunner(pool, new PostgresEventStore(pool), new FunnelProjection(), { batchSize: 2000 });
  runner.start();
  for (;;) {
    const { rows } = await pool.query<{ position: string }>("SELECT position FROM projection_checkpoints WHERE name = 'funnel'");
    if ((rows[0]?.position ?? '0') >= head) break;
    if (runner.state === 'failing') throw new Error(`funnel projection failing: ${runner.lastError}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await runner.stop();
  await pool.query('ANALYZE');
}

async function measure(url: string, leads: number): Promise<void> {
  const app = await createStandaloneApp(loadStandaloneConfig({ NODE_ENV: 'test', PROJECTOR_ENABLED: 'false' }), url, false);
  const http = request(app.getHttpServer());
  try {
    for (const metric of METRICS) {
      const times: number[] = [];
      for (let i = 0; i < ITERATIONS + 3; i += 1) {
        const started = performance.now();
        await http.get(`/v1/metrics/${metric}`).query({ period: String(YEAR), groupBy: 'month' }).set('Authorization', 'Bearer dev-leader').expect(200);
        if (i >= 3) times.push(performance.now() - started); // the first three warm caches and plans
      }
      times.sort((a, b) => a - b);
      print({ bench: 'metrics', leads, metric, series: 'one year, monthly', iterations: ITERATIONS, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) });
    }
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  for (const leads of SIZES) {
    const server = await startServer();
    const pool = benchPool(server.url, APPEND_CONCURRENCY + 4);
    try {
      await runMigrations(pool, ALL_MIGRATIONS);
      let started = performance.now();
      const { events, head } = await load(pool, leads);
      print({ bench: 'metrics-load', leads, events, seconds: round((performance.now() - started) / 1000) });
      started = performance.now();
      await project(pool, head);
      print({ bench: 'metrics-project', leads, events, seconds: round((performance.now() - started) / 1000) });
      await measure(server.url, leads);
    } finally {
      await pool.end();
      await server.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
