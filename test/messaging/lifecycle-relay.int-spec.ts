// The relay out against a real Kafka-protocol broker: every lead event reaches its topic with
// key = lead id and API.md's value and headers; a restart from an older checkpoint (a crash between
// the broker's ack and the checkpoint) loses nothing, and consumers dedupe by eventId; erased
// personal data does not leave (checked against the data keys as they are now, not a cache).
import { leadIdFromEmail, leadStreamName } from '#domain';
import { EVENT_STORE, PostgresDataKeyStore, type EventStore } from '#event-store';
import { LIFECYCLE_HEADERS, LifecycleRelay, RelayCheckpoints, type KafkaConfig, type LifecycleEvent } from '#messaging';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { auth, startTestApp, type TestApp } from '../support/test-app.js';
import { describeWithKafka, KAFKA_TEST_TIMEOUT_MS, eventually, readTopics, testKafka, uniqueTopics, type TopicReader } from '../support/kafka-access.js';
import { captured, engaged } from './marketing-fixtures.js';

const MARKETING = auth('dev-marketing');
const ADMIN = auth('dev-admin');
const WARM_UP = 'warm-up';

describeWithKafka('lifecycle relay', (config: KafkaConfig) => {
  const topic = uniqueTopics().lifecycle;
  let t: TestApp;
  let kafka: Kafka;
  let reader: TopicReader;
  let store: EventStore;
  let checkpoints: RelayCheckpoints;
  let running: LifecycleRelay | null = null;

  const startRelay = async (): Promise<LifecycleRelay> => {
    const relay = new LifecycleRelay(kafka, store, checkpoints, t.app.get(PostgresDataKeyStore), { topic, name: topic, batchSize: 50 });
    await relay.start();
    running = relay;
    return relay;
  };
  const ingest = async (messages: readonly object[]): Promise<void> => {
    await t.http.post('/v1/marketing-events').set(MARKETING).send(messages).expect(202);
  };
  const allLeadEvents = async (): Promise<{ eventId: string; streamId: string; revision: number }[]> =>
    (await t.db.pool.query("SELECT event_id AS \"eventId\", stream_id AS \"streamId\", revision FROM es_events WHERE stream_id LIKE 'lead-%'")).rows;
  const published = (): LifecycleEvent[] => reader.messages(topic).filter((message) => String(message.key) !== WARM_UP).map((message: KafkaMessage) => JSON.parse(String(message.value)) as LifecycleEvent);

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    checkpoints = new RelayCheckpoints(t.db.pool);
    kafka = testKafka(config);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: WARM_UP, value: '{}' }] }); // creates the topic before the reader subscribes
    await producer.disconnect();
    reader = await readTopics(kafka, [topic]);
  });

  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  afterAll(async () => {
    await reader?.stop();
    await t?.close();
  });

  it('publishes every lead event (key = lead id, value and headers as API.md), survives restarts without loss, dedupable by eventId', async () => {
    const emails = Array.from({ length: 20 }, (_unused, index) => `relay${index}@example.com`);
    await ingest(emails.flatMap((email) => [captured(email, 0), engaged(email, 1), engaged(email, 2)]));

    let relay = await startRelay();
    await eventually(() => expect(new Set(published().map((event) => event.eventId)).size).toBe(60));
    const first = reader.messages(topic).find((message) => String(message.key) !== WARM_UP) as KafkaMessage;
    const value = JSON.parse(String(first.value)) as LifecycleEvent;
    expect(Object.keys(value).sort()).toEqual(['data', 'eventId', 'leadId', 'occurredAt', 'revision', 'schemaVersion', 'type']);
    expect(String(first.key)).toBe(value.leadId);
    expect(String(first.headers?.[LIFECYCLE_HEADERS.eventId])).toBe(value.eventId);
    expect(String(first.headers?.[LIFECYCLE_HEADERS.type])).toBe(value.type);
    const stored = await store.readStream(leadStreamName(value.leadId));
    expect(stored.find((event) => event.eventId === value.eventId)).toMatchObject({ type: value.type, revision: value.revision, data: value.data });
    await relay.stop();

    // Written while the relay is down, then a crash that lost the checkpoint: it starts over.
    await ingest(emails.map((email) => engaged(email, 3)));
    await checkpoints.save(topic, '0');
    relay = await startRelay();
    const events = await allLeadEvents();
    await eventually(() => expect(new Set(published().map((event) => event.eventId))).toEqual(new Set(events.map((event) => event.eventId))));
    await relay.stop();

    // Deduped by eventId, each lead's events arrive in revision order.
    const firstSeen = new Map<string, LifecycleEvent>();
    for (const event of published()) if (event.eventId && !firstSeen.has(event.eventId)) firstSeen.set(event.eventId, event);
    const revisions = (leadId: string): number[] => [...firstSeen.values()].filter((event) => event.leadId === leadId).map((event) => event.revision);
    expect(revisions(leadIdFromEmail(emails[5]))).toEqual([1, 2, 3, 4]);
  }, KAFKA_TEST_TIMEOUT_MS);

  it('publishes a lead whose personal data was erased without that data', async () => {
    const email = 'forget.me@example.com';
    const leadId = leadIdFromEmail(email);
    await ingest([captured(email, 0)]);
    await t.http.post(`/v1/leads/${leadId}/erase-personal-data`).set(ADMIN).send({ reason: 'GDPR request' }).expect(200);
    const relay = await startRelay();
    await eventually(() => expect(published().filter((event) => event.leadId === leadId).map((event) => event.type)).toEqual(
      expect.arrayContaining(['LeadCaptured', 'LeadPersonalDataErased'])));
    await relay.stop();
    const values = reader.messages(topic).filter((message) => String(message.key) === leadId).map((message) => String(message.value));
    expect(values.join('\n')).not.toContain('forget.me');
    expect(values.join('\n')).not.toContain('Ada');
  }, KAFKA_TEST_TIMEOUT_MS);

  it('publishes without personal data a lead erased by another process, whose erasure this one\'s key cache has not seen', async () => {
    const email = 'erased.elsewhere@example.com';
    const leadId = leadIdFromEmail(email);
    await ingest([captured(email, 0)]);
    await t.app.get(PostgresDataKeyStore).erase(leadId); // the lead service's erasure, past this process's cache
    const stale = await store.readStream(leadStreamName(leadId));
    expect(JSON.stringify(stale[0].data)).toContain(email); // this process still decodes it, for up to a minute
    const relay = await startRelay();
    await eventually(() => expect(published().filter((event) => event.leadId === leadId).map((event) => event.type)).toContain('LeadCaptured'));
    await relay.stop();
    const values = reader.messages(topic).filter((message) => String(message.key) === leadId).map((message) => String(message.value));
    expect(values.join('\n')).not.toContain('erased.elsewhere');
  }, KAFKA_TEST_TIMEOUT_MS);
});
