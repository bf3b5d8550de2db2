// Kill -9 the running backend while it consumes marketing.lead-events and relays lead.lifecycle,
// start it again on the same data directory, and check through its audit API that every valid
// message landed exactly once and in order per lead, that the invalid ones are in the DLQ, and
// that every lead event reached lead.lifecycle at least once (consumers dedupe by eventId).
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { leadIdFromEmail } from '#domain';
import { DEAD_LETTER_HEADERS, prefixedTopics, type KafkaConfig, type LifecycleEvent } from '#messaging';
import { freePort } from '../support/free-port.js';
import { describeWithKafka, eventually, readTopics, testKafka, type TopicReader } from '../support/kafka-access.js';
import { marketingScenario, toKafkaMessage } from '../messaging/marketing-fixtures.js';
import { startStandalone, type StandaloneProcess } from './standalone-process.js';

interface AuditItem {
  readonly eventId: string;
  readonly type: string;
  readonly data: { readonly engagement?: { readonly url?: string } };
}

/** A lead's whole history through the audit API, page by page. */
const auditEvents = async (baseUrl: string, leadId: string): Promise<AuditItem[]> => {
  const items: AuditItem[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const response = await fetch(`${baseUrl}/v1/audit/leads/${leadId}/events?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Authorization: 'Bearer dev-auditor' } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { leadId: string; items: AuditItem[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return items;
};

/** Events of the scenario's leads, straight from the embedded database (to time the kill). */
const storedCount = async (pgPort: number, leadIds: readonly string[]): Promise<number> => {
  const client = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM es_events WHERE stream_id = ANY ($1::text[])', [leadIds.map((id) => `lead-${id}`)]);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
};

describeWithKafka('the standalone backend with Kafka killed with SIGKILL mid-stream', (config: KafkaConfig) => {
  let dataDir: string;
  let app: StandaloneProcess | undefined;
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'leadline-kafka-crash-'));
    await chmod(dataDir, 0o755); // the embedded server runs as the user postgres
  });

  afterAll(async () => {
    await reader?.stop();
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no message, doubles none, dead-letters the invalid ones, and relays every event at least once', async () => {
    const pgPort = await freePort();
    // Topics of its own: another suite's app on the same broker must not relay or consume for this one.
    const topicPrefix = `crash-${randomBytes(4).toString('hex')}.`;
    const topics = prefixedTopics(topicPrefix);
    const env = {
      KAFKA_TOPIC_PREFIX: topicPrefix,
      DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), NODE_ENV: 'test',
      KAFKA_BROKERS: config.brokers.join(','), KAFKA_GROUP_ID: `crash-${randomBytes(4).toString('hex')}`,
      // The killed member holds its partitions until its session times out: the shortest a broker allows.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    const port = await freePort();
    const scenario = marketingScenario(10_000, 500, `k${randomBytes(3).toString('hex')}`);
    const leadIds = scenario.emails.map((email) => leadIdFromEmail(email));
    const valid = [...scenario.expected.values()].reduce((sum, events) => sum + events.length, 0);

    app = await startStandalone(env, port);
    const kafka = testKafka(config);
    const producer = kafka.producer();
    await producer.connect();
    for (let from = 0; from < scenario.stream.length; from += 1000) {
      await producer.send({ topic: topics.marketingEvents, messages: scenario.stream.slice(from, from + 1000).map(toKafkaMessage) });
    }
    await producer.disconnect();

    // Mid-stream: some of the scenario is stored, not all of it.
    await eventually(async () => expect(await storedCount(pgPort, leadIds)).toBeGreaterThan(valid / 5), 30_000, 20);
    app.child.kill('SIGKILL');
    expect(await app.exited).toBe('SIGKILL');
    expect(await storedCount(pgPort, leadIds)).toBeLessThan(valid);

    // Same data directory and group: it resumes from the last commit it made.
    app = await startStandalone(env, port);
    const baseUrl = app.baseUrl;
    await eventually(async () => expect(await storedCount(pgPort, leadIds)).toBeGreaterThanOrEqual(valid), 40_000, 250);

    const stored = new Map<string, AuditItem[]>();
    for (const [index, email] of scenario.emails.entries()) {
      const events = await auditEvents(baseUrl, leadIds[index]);
      stored.set(leadIds[index], events);
      // Process managers may add their own events (auto-qualification); the marketing ones are exactly these.
      const marketing = events.filter((event) => event.type === 'LeadCaptured' || event.type === 'EngagementRecorded');
      expect({ email, stream: marketing.map((event) => event.data.engagement?.url ?? event.type) }).toEqual({ email, stream: scenario.expected.get(email) });
    }

    reader = await readTopics(kafka, [topics.deadLetters, topics.lifecycle]);
    const invalid = new Set(scenario.invalidIds);
    await eventually(() => {
      const dead = reader?.messages(topics.deadLetters).filter((message) => invalid.has(JSON.parse(String(message.value)).messageId)) ?? [];
      // At least once: a dead letter sent before the kill but not committed is sent again.
      expect(new Set(dead.map((message) => JSON.parse(String(message.value)).messageId))).toEqual(invalid);
      expect(dead.every((message) => String(message.headers?.[DEAD_LETTER_HEADERS.code]) === 'invalid_message')).toBe(true);
    }, 30_000, 250);

    const allEventIds = new Set([...stored.values()].flat().map((event) => event.eventId));
    await eventually(() => {
      const relayed = new Set((reader?.messages(topics.lifecycle) ?? []).map((message) => (JSON.parse(String(message.value)) as LifecycleEvent).eventId));
      expect([...allEventIds].filter((eventId) => !relayed.has(eventId))).toEqual([]);
    }, 30_000, 250);

    // And a graceful stop drains Kafka, the app and the database in order.
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  }, 120_000);
});
