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
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { captured, engaged, invalid, type MarketingMessage } from './marketing-fixtures.js';

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
      messages: messages.map((message) => ({
        key: String((message.lead as { email?: string } | undefined)?.email ?? 'unknown').toLowerCase(),
        value: JSON.stringify(message),
      })),
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
    const url = new URL(db.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    context = await ingestContext(url.toString());
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

  it('lands every valid message once, in order per lead; duplicates append nothing; invalid ones go to the DLQ with their reason', async () => {
    const leads = Array.from({ length: 100 }, (_unused, index) => `lead${index}@example.com`);
    const expected = new Map<string, string[]>(leads.map((email) => [email, ['LeadCaptured']]));
    const stream: (MarketingMessage | Record<string, unknown>)[] = [];
    const sent: MarketingMessage[] = [];
    let invalidCount = 0;
    for (const email of leads) stream.push(captured(email, 0));
    let engagements = 0;
    for (let minute = 1; minute <= 9; minute++) {
      for (const email of leads) {
        engagements++;
        const message = engaged(email, minute);
        stream.push(message);
        sent.push(message);
        expected.get(email)?.push(message.engagement?.url as string);
        // ~10% re-sent (a producer retry), ~2% invalid.
        if (engagements % 10 === 0) stream.push(sent[Math.floor(sent.length * 0.7)]);
        if (engagements % 50 === 0) {
          stream.push({ ...invalid(`invalid-${invalidCount++}`), lead: { email } });
        }
      }
    }
    await send(stream);

    await eventually(async () => expect(await eventCount(db)).toBe(1 + 100 * 10));
    for (const email of leads.slice(0, 100)) expect(await streamOf(db, email)).toEqual(expected.get(email));
    await eventually(() => expect(reader.messages(topics.deadLetters)).toHaveLength(invalidCount));
    const dead = reader.messages(topics.deadLetters)[0];
    const header = (name: string): string => String(dead.headers?.[name]);
    expect(header(DEAD_LETTER_HEADERS.code)).toBe('invalid_message');
    expect(header(DEAD_LETTER_HEADERS.message)).toContain('occurredAt');
    expect(JSON.parse(header(DEAD_LETTER_HEADERS.fields)).map((error: { field: string }) => error.field)).toContain('source');
    expect(header(DEAD_LETTER_HEADERS.topic)).toBe(topics.marketingEvents);
    expect(Number(header(DEAD_LETTER_HEADERS.partition))).toBeGreaterThanOrEqual(0);
    expect(Number(header(DEAD_LETTER_HEADERS.offset))).toBeGreaterThan(0);
    expect(JSON.parse(String(dead.value)).messageId).toMatch(/^invalid-/);
    await eventually(async () => expect(await committedTotal()).toBe(await endOffsetTotal()));
  }, KAFKA_TEST_TIMEOUT_MS);

  it('while the store is unavailable commits nothing and appends nothing; afterwards everything lands once', async () => {
    const before = await eventCount(db);
    const committed = await committedTotal();
    proxy.cut();
    const messages = Array.from({ length: 40 }, (_unused, index) => engaged(`outage${index % 8}@example.com`, index));
    try {
      await send(messages);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await committedTotal()).toBe(committed);
      expect(await eventCount(db)).toBe(before);
    } finally {
      proxy.restore();
    }
    // Each of the 8 leads: captured by its first engagement, then 5 engagements.
    await eventually(async () => expect(await eventCount(db)).toBe(before + 8 + 40));
    expect(await streamOf(db, 'outage3@example.com')).toEqual(['LeadCaptured', ...messages.filter((_m, index) => index % 8 === 3).map((m) => m.engagement?.url)]);
    await eventually(async () => expect(await committedTotal()).toBe(await endOffsetTotal()));
  }, KAFKA_TEST_TIMEOUT_MS);

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
    expect(await streamOf(db, 'lead7@example.com')).toHaveLength(10);
    // The store's own view agrees with the table.
    const store = context.get<EventStore>(EVENT_STORE);
    expect(await store.streamRevision(`lead-${leadIdFromEmail('restart1@example.com')}`)).toBe(6);
  }, KAFKA_TEST_TIMEOUT_MS);
});
