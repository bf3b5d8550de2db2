// Kafka ingest of `lead.engaged` messages (issue 8): events appended per second against the raw
// node-postgres INSERT at concurrency 32 in the same run, produce → appended latency (the producer
// sends as fast as it can from a process of its own while the consumer runs), consumer memory (RSS
// of this process, where only the consumer runs, sampled every second).
// Usage: npx tsc -p tsconfig.build.json; node dist/test/bench/kafka-ingest.bench.js
// BENCH_MESSAGES (100000) for BENCH_LEADS (10000); KAFKA_BROKERS or the kcat mock cluster; DATABASE_URL
// or an embedded PostgreSQL. Prints one JSON line per measurement.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { MarketingEventsConsumer, MarketingIngest, MarketingIngestModule } from '#messaging';
import { DatabaseModule, PlatformModule } from '#platform';
import { migrate } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { KAFKA_BROKERS_ENV, startTestKafka } from '../support/kafka-broker.js';
import { TEARDOWN_KEY, type Teardown } from '../support/teardown-key.js';
import { RAW_TABLE, benchPool, rawInsert, startServer } from './bench-database.js';
import { report, round, runFor } from './event-store-bench-tools.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const RAW_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PRODUCE_CHUNK = 1000;
const STALL_MS = 30_000;

async function main(): Promise<void> {
  const server = await startServer();
  await startTestKafka();
  const brokers = process.env[KAFKA_BROKERS_ENV];
  if (!brokers) throw new Error('no broker: install kcat or set KAFKA_BROKERS');
  await migrate(server.url);
  const pool = benchPool(server.url, 34);
  const context = await ingestContext(server.url);
  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.split(','), logLevel: logLevel.WARN });
  try {
    await pool.query(RAW_TABLE);
    const raw = await runFor(RAW_SECONDS, 32, (w) => rawInsert(pool, `raw-${w}`, 0, w));
    report({ scenario: 'raw-insert-c32', ...raw });
    const ours = await ingest(kafka, context, pool);
    report({ scenario: 'kafka-ingest', ...ours });
    report({ scenario: 'kafka-ingest', ratio: 'appended-per-second-over-raw-c32', value: round(ours.eventsPerSecond / raw.perSecond), target: '>= 0.5' });
  } finally {
    await context.close();
    await pool.end();
    await (globalThis as { [TEARDOWN_KEY]?: Teardown })[TEARDOWN_KEY]?.();
    await server.stop();
  }
}

const ingestContext = (url: string): Promise<INestApplicationContext> => {
  @Module({
    imports: [
      PlatformModule.forRoot(loadStandaloneConfig({ NODE_ENV: 'test' }).platform),
      DatabaseModule.forRoot({ url }),
      MarketingIngestModule.forRoot({ kafka: undefined }),
    ],
  })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: ['warn', 'error'] });
};

async function ingest(kafka: Kafka, context: INestApplicationContext, pool: Pool) {
  const suffix = randomBytes(4).toString('hex');
  const topic = `bench.marketing-${suffix}`;

  const consumer = new MarketingEventsConsumer(kafka, context.get(MarketingIngest), { groupId: `bench-${suffix}`, topic, deadLetterTopic: `${topic}.dlq`, maxWaitTimeInMs: 100 });
  const expected = MESSAGES + Math.min(LEADS, MESSAGES); // each lead's first engagement captures it
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 1000);
  // Consuming while producing: the latency is what a message waits behind the ones before it.
  await consumer.start();
  // The producer runs in a process of its own, so the resident set sampled here is the consumer's.
  const producer = spawn(process.execPath, [__filename, 'produce', topic, suffix], { stdio: ['ignore', 'inherit', 'inherit'] });
  const produced = new Promise<void>((resolve, reject) => producer.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`producer exited with ${code}`)))));
  let count = 0;
  let progressAt = Date.now();
  while (count < expected) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = Number((await pool.query<{ count: string }>('SELECT count(*) FROM es_events')).rows[0].count);
    if (now > count) progressAt = Date.now();
    count = now;
    // librdkafka's mock keeps about 5 MB per partition in memory and drops older messages beyond:
    // more than ~80,000 messages on its 4 partitions need KAFKA_BROKERS (a real broker).
    if (Date.now() - progressAt > STALL_MS) throw new Error(`no progress for ${STALL_MS} ms at ${count} of ${expected} events (the mock cluster dropped messages?)`);
  }
  await produced;
  clearInterval(sampler);
  await consumer.stop();
  const { rows: [timing] } = await pool.query<{ seconds: number; p50: number; p99: number }>(`
    SELECT extract(epoch FROM max(recorded_at) - min(recorded_at))::float AS seconds,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM recorded_at - (metadata->>'occurredAt')::timestamptz) * 1000) AS p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM recorded_at - (metadata->>'occurredAt')::timestamptz) * 1000) AS p99
      FROM es_events WHERE type = 'EngagementRecorded'`);
  const mb = (bytes: number): number => round(bytes / 1024 / 1024);
  return {
    messages: MESSAGES, leads: LEADS, events: count, seconds: round(timing.seconds), eventsPerSecond: round(count / timing.seconds),
    produceToAppendedP50Ms: round(timing.p50), produceToAppendedP99Ms: round(timing.p99),
    rssMb: { first: mb(rss[0] ?? 0), max: mb(Math.max(...rss)), last: mb(rss[rss.length - 1] ?? 0), everySecond: rss.map(mb) },
  };
}

/** The producer process: MESSAGES engagements for LEADS leads to `topic`, as fast as the broker takes them. */
async function produce(topic: string, suffix: string): Promise<void> {
  const brokers = process.env[KAFKA_BROKERS_ENV];
  if (!brokers) throw new Error('no broker');
  const producer = new Kafka({ clientId: 'bench-producer', brokers: brokers.split(','), logLevel: logLevel.WARN }).producer();
  await producer.connect();
  for (let sent = 0; sent < MESSAGES; sent += PRODUCE_CHUNK) {
    const messages = Array.from({ length: Math.min(PRODUCE_CHUNK, MESSAGES - sent) }, (_unused, offset) => {
      const sequence = sent + offset;
      const email = `bench${sequence % LEADS}@example.com`;
      // occurredAt = produce time, so recorded_at − occurredAt is the end-to-end latency.
      const value = { messageId: `bench-${suffix}-${sequence}`, type: 'lead.engaged', occurredAt: new Date().toISOString(), lead: { email }, engagement: { kind: 'web_visit', url: `https://example.com/${sequence}` } };
      return { key: email, value: JSON.stringify(value) };
    });
    await producer.send({ topic, messages, compression: CompressionTypes.GZIP });
  }
  await producer.disconnect();
}

const [, , role, topicArgument, suffixArgument] = process.argv;
(role === 'produce' ? produce(topicArgument, suffixArgument) : main()).then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
