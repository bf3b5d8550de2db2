// The standalone app with KAFKA_BROKERS set: the consumer and the relay run, and readiness reports
// them and the broker.
import { randomBytes } from 'node:crypto';
import { leadIdFromEmail } from '#domain';
import { KAFKA_TOPICS, type KafkaConfig } from '#messaging';
import { startTestApp, storedEventTypes, type TestApp } from '../support/test-app.js';
import { describeWithKafka, eventually, KAFKA_TEST_TIMEOUT_MS, testKafka } from '../support/kafka-access.js';
import { captured } from './marketing-fixtures.js';

describeWithKafka('standalone app with Kafka', (config: KafkaConfig) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ KAFKA_BROKERS: config.brokers.join(','), KAFKA_GROUP_ID: `wiring-${randomBytes(4).toString('hex')}` });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('consumes marketing.lead-events and reports Kafka in readiness', async () => {
    const kafka = testKafka(config);
    const producer = kafka.producer();
    await producer.connect();
    const email = `wired-${randomBytes(4).toString('hex')}@example.com`;
    await producer.send({ topic: KAFKA_TOPICS.marketingEvents, messages: [{ key: email, value: JSON.stringify(captured(email)) }] });
    await producer.disconnect();
    await eventually(async () => expect(await storedEventTypes(t.db, leadIdFromEmail(email))).toEqual(['LeadCaptured']));
    await eventually(async () => {
      const ready = await t.http.get('/health/ready');
      expect(ready.body.checks).toMatchObject({ 'kafka-marketing-consumer': { status: 'ok' }, 'kafka-lifecycle-relay': { status: 'ok' } });
    });
  }, KAFKA_TEST_TIMEOUT_MS);
});
