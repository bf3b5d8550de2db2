// The marketing-events consumer against a real Kafka-protocol broker: every valid message lands
// once and in order per lead, duplicates append nothing, invalid ones reach the DLQ with their
// reason and origin; a store outage commits nothing and loses nothing; a restart that lost its
// commits (a crash between append and commit) doubles nothing.
import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka, Producer } from 'kafkajs';
import { leadIdFromEmail } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { DEAD_LETTER_HEADERS, MarketingEventsConsumer, MarketingIngest, MarketingIngestModule, type KafkaConfig, type KafkaTopics } from '#messaging';
import { DatabaseModule, PlatformModule } from '#platform';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { describeWithKafka, KAFKA_TEST_TIMEOUT_MS, eventually, readTopics, testKafka, uniqueTopics, type TopicReader } from '../support/kafka-access.js';
import { proxiedDatabaseUrl, type TcpProxy } from '../support/tcp-proxy.js';
import { captured, engaged, marketingScenario, toKafkaMessage, type MarketingMessage, type MarketingScenario } from './marketing-fixtures.js';

const ingestContext = async (databaseUrl: string): Promise<INestApplicationContext> => {
  @Module({
    imports: [
      PlatformModule.forRoot(loadStandaloneConfig({ NODE_ENV: 'test' }).platform),
      DatabaseModule.forRoot({ url: databaseUrl }),
      MarketingIngestModule.forRoot({ kafka: undefined }),
    ],
  })
  class IngestTestModule {}
  return NestFactory.createApplicationContext(IngestTestModule, { logger: false });
};

/** A lead's stream as the engagement urls (and the capture) it holds, straight from the table. */
const streamOf = async (db: TestDatabase, email: string): Promise<string[]> => {
  const { rows } = await db.pool.query<{ type: string; url: string | null }>(
    "SELECT type, data->'engagement'->>'url' AS url FROM es_events WHERE stream_id = $1 ORDER BY revision",
    [`lead-${leadIdFromEmail(email)}`],
  );
  return rows.map((row) => row.url ?? row.type);
};

/** Every lead's stream as streamOf gives it, in one query. */
const streamsOf = async (db: TestDatabase, emails: readonly string[]): Promise<Map<string, string[]>> => {
  const { rows } = await db.pool.query<{ stream: string; type: string; url: string | null }>(
    `SELECT stream_id AS stream, type, data->'engagement'->>'url' AS url FROM es_events WHERE stream_id = ANY ($1::text[]) ORDER BY stream_id, revision`,
    [emails.map((email) => `lead-${leadIdFromEmail(email)}`)],
  );
  const streams = new Map<string, string[]>(emails.map((email) => [leadIdFromEmail(email), []]));
  for (const row of rows) streams.get(row.stream.slice('lead-'.length))?.push(row.url ?? row.type);
  return streams;
};

const expectedStreams = (scenario: MarketingScenario): Map<string, readonly string[] | undefined> =>
  new Map(scenario.emails.map((email) => [leadIdFromEmail(email), scenario.expected.get(email)]));

const eventCount = async (db: TestDatabase): Promise<number> =>
  Number((await db.pool.query<{ count: string }>('SELECT count(*) FROM es_events')).rows[0].count);

describeWithKafka('marketing-events consumer', (config: KafkaConfig) => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let context: INestApplicationContext;
  let kafka: Kafka;
  let producer: Producer;
  let reader: TopicReader;
  let consumer: MarketingEventsConsumer;
  const topics: KafkaTopics = uniqueTopics();
  const newGroupId = (): string => `marketing-${randomBytes(4).toString('hex')}`;
  let groupId = newGroupId();
  let scenario: MarketingScenario;

  const startConsumer = async (): Promise<MarketingEventsConsumer> => {
    const started = new MarketingEventsConsumer(kafka, context.get(MarketingIngest), {
      groupId, topic: topics.marketingEvents, deadLetterTopic: topics.deadLetters, maxRetryDelayMs: 400, maxWaitTimeInMs: 100,
    });
    await started.start();
    return started;
  };

  const send = async (messages: readonly (MarketingMessage | Record<string, unknown>)[]): Promise<void> => {
    await producer.send({
      topic: topics.marketingEvents,
      messages: messages.map(toKafkaMessage),
    });
  };

  const committedTotal = async (): Promise<number> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topics.marketingEvents] });
      return offsets.partitions.reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0);
    } finally {
      await admin.disconnect();
    }
  };

  const endOffsetTotal = async (): Promise<number> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topics.marketingEvents)).reduce((sum, { high }) => sum + Number(high), 0);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const proxied = await proxiedDatabaseUrl(db.url);
    proxy = proxied.proxy;
    context = await ingestContext(proxied.url);
    kafka = testKafka(config);
    producer = kafka.producer();
    await producer.connect();
    // Creates the topics (auto-created on the mock) before the consumers subscribe.
    await send([captured('first@example.com', 0, 'first')]);
    [reader, consumer] = await Promise.all([readTopics(kafka, [topics.deadLetters]), startConsumer()]);
  });

  afterAll(async () => {
    await consumer?.stop();
    await reader?.stop();
    await producer?.disconnect();
    await context?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('issue 8\'s scenario: 10,000 messages for 500 leads, 10% re-sent, 2% invalid: every valid one lands once, in order per lead; re-sends append nothing; invalid ones go to the DLQ with their reason', async () => {
    scenario = marketingScenario(10_000, 500, `s${randomBytes(3).toString('hex')}`);
    const expectedEvents = [...scenario.expected.values()].reduce((sum, events) => sum + events.length, 0);
    expect(expectedEvents).toBe(10_000 - scenario.duplicates - scenario.invalidIds.length);
    await send(scenario.stream);
    await eventually(async () => expect(await streamsOf(db, scenario.emails)).toEqual(expectedStreams(scenario)), 40_000, 500);
    await eventually(() => expect(reader.messages(topics.deadLetters)).toHaveLength(scenario.invalidIds.length));
    expect(reader.messages(topics.deadLetters).map((message) => JSON.parse(String(message.value)).messageId).sort()).toEqual([...scenario.invalidIds].sort());
    const dead = reader.messages(topics.deadLetters)[0];
    const header = (name: string): string => String(dead.headers?.[name]);
    expect(header(DEAD_LETTER_HEADERS.code)).toBe('invalid_message');
    expect(header(DEAD_LETTER_HEADERS.message)).toContain('occurredAt');
    expect(JSON.parse(header(DEAD_LETTER_HEADERS.fields)).map((error: { field: string }) => error.field)).toContain('source');
    expect(header(DEAD_LETTER_HEADERS.topic)).toBe(topics.marketingEvents);
    expect(Number(header(DEAD_LETTER_HEADERS.partition))).toBeGreaterThanOrEqual(0);
    expect(Number(header(DEAD_LETTER_HEADERS.offset))).toBeGreaterThan(0);
    await eventually(async () => expect(await committedTotal()).toBe(await endOffsetTotal()));
  }, 60_000);

  it('a message nested 5000 levels deep or holding a NUL character goes to the DLQ naming the field; the consumer carries on', async () => {
    const deadBefore = reader.messages(topics.deadLetters).length;
    const deep = JSON.stringify(captured('deep@example.com', 0, 'deep')).replace(/}$/, `,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const nul = { ...captured('nul@example.com', 0, 'nul'), source: { channel: 'event', campaignId: 'c\u0000x' } };
    await producer.send({ topic: topics.marketingEvents, messages: [{ key: 'deep@example.com', value: deep }, toKafkaMessage(nul)] });
    await send([captured('after@example.com', 0, 'after')]);
    await eventually(async () => expect(await streamOf(db, 'after@example.com')).toEqual(['LeadCaptured']));
    await eventually(() => expect(reader.messages(topics.deadLetters)).toHaveLength(deadBefore + 2));
    const fields = reader.messages(topics.deadLetters).slice(deadBefore)
      .map((message) => JSON.parse(String(message.headers?.[DEAD_LETTER_HEADERS.fields])).map((error: { field: string }) => error.field).join());
    expect(fields).toHaveLength(2);
    expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/^x(\.0)+$/), 'source.campaignId']));
    expect(await streamOf(db, 'deep@example.com')).toEqual([]);
    expect(await streamOf(db, 'nul@example.com')).toEqual([]);
    await eventually(async () => expect(await committedTotal()).toBe(await endOffsetTotal()));
  }, 30_000);

  it('the database stopped for 10 s mid-stream: commits and appends nothing meanwhile, then resumes; nothing lost, nothing doubled', async () => {
    const outage = marketingScenario(3000, 100, `o${randomBytes(3).toString('hex')}`);
    const landed = async (): Promise<number> => [...(await streamsOf(db, outage.emails)).values()].reduce((sum, events) => sum + events.length, 0);
    const chunks = Array.from({ length: 10 }, (_unused, index) => outage.stream.slice(index * 300, (index + 1) * 300));
    await send(chunks[0]);
    await eventually(async () => expect(await landed()).toBeGreaterThan(0), 20_000, 20);
    proxy.cut();
    try {
      // Produced while the database is away: mid-stream.
      for (const chunk of chunks.slice(1)) await send(chunk);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const [committed, stored] = [await committedTotal(), await eventCount(db)];
      await new Promise((resolve) => setTimeout(resolve, 9000));
      expect(await committedTotal()).toBe(committed);
      expect(await eventCount(db)).toBe(stored);
      expect(await committedTotal()).toBeLessThan(await endOffsetTotal());
    } finally {
      proxy.restore();
    }
    await eventually(async () => expect(await streamsOf(db, outage.emails)).toEqual(expectedStreams(outage)), 30_000, 250);
    await eventually(async () => expect(await committedTotal()).toBe(await endOffsetTotal()));
  }, 60_000);

  it('after a crash that lost its commits, a restarted consumer reads everything again and appends nothing twice', async () => {
    await consumer.stop();
    const before = await eventCount(db);
    // The crash: no commit ever reached the broker. (The mock refuses admin offset resets, so a
    // fresh group stands for it: it starts from the beginning, as a group without commits does.)
    groupId = newGroupId();
    const later = Array.from({ length: 20 }, (_unused, index) => engaged(`restart${index % 4}@example.com`, index));
    await send(later);
    consumer = await startConsumer();
    await eventually(async () => expect(await committedTotal()).toBe(await endOffsetTotal()));
    expect(await eventCount(db)).toBe(before + 4 + 20);
    expect(await streamsOf(db, scenario.emails)).toEqual(expectedStreams(scenario));
    // The store's own view agrees with the table.
    const store = context.get<EventStore>(EVENT_STORE);
    expect(await store.streamRevision(`lead-${leadIdFromEmail('restart1@example.com')}`)).toBe(6);
  }, KAFKA_TEST_TIMEOUT_MS);
});
