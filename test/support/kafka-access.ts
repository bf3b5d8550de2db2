// How Kafka suites reach the run's broker (kafka-broker.ts), and what they do without one: say so
// loudly and skip, or fail under CI, where the broker must be there.
import { randomBytes } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { KAFKA_TOPICS, type KafkaConfig, type KafkaTopics } from '#messaging';
import { KAFKA_BROKERS_ENV } from './kafka-broker.js';

/** A group join alone takes 3 s on the mock cluster. */
export const KAFKA_TEST_TIMEOUT_MS = 30_000;

export const testKafkaConfig = (): KafkaConfig | null => {
  const brokers = process.env[KAFKA_BROKERS_ENV];
  if (!brokers) return null;
  return { brokers: brokers.split(','), clientId: 'leadline-test', groupId: `test-${randomBytes(4).toString('hex')}`, sessionTimeoutMs: 30_000, ssl: false, sasl: null, topics: KAFKA_TOPICS };
};

/** `describe` when a broker is there; otherwise a loud skip, or a failing suite under CI. */
export const describeWithKafka = (name: string, suite: (config: KafkaConfig) => void): void => {
  const config = testKafkaConfig();
  if (config) {
    describe(name, () => suite(config));
    return;
  }
  const why = 'no Kafka broker: install kcat (apt-get install kcat) for the mock cluster, or set KAFKA_BROKERS';
  if (process.env.CI === 'true') {
    describe(name, () => it('runs against a Kafka-protocol broker', () => { throw new Error(`${why} (CI must run the Kafka suites)`); }));
    return;
  }
  // Straight to stderr: jest drops the console output of a file whose tests were all skipped.
  process.stderr.write(`\n${'!'.repeat(80)}\n!! SKIPPED Kafka suite "${name}": ${why}\n${'!'.repeat(80)}\n`);
  // Skipped because there is no broker (outside CI only, where it fails above); the skip shows in the summary.
  describe.skip(name, () => suite({ brokers: [], clientId: '', groupId: '', sessionTimeoutMs: 30_000, ssl: false, sasl: null, topics: KAFKA_TOPICS }));
};

/** Topics of their own for one suite, so suites sharing the broker never see each other's messages. */
export const uniqueTopics = (): KafkaTopics => {
  const suffix = randomBytes(4).toString('hex');
  return { marketingEvents: `test.marketing-${suffix}`, deadLetters: `test.marketing-${suffix}.dlq`, lifecycle: `test.lifecycle-${suffix}` };
};

export const testKafka = (config: KafkaConfig): Kafka =>
  new Kafka({ clientId: config.clientId, brokers: [...config.brokers], logLevel: logLevel.NOTHING });

export interface TopicReader {
  readonly messages: (topic: string) => readonly KafkaMessage[];
  readonly stop: () => Promise<void>;
}

/** One consumer per suite over every topic it reads (a group join costs 3 s on the mock). */
export const readTopics = async (kafka: Kafka, topics: readonly string[]): Promise<TopicReader> => {
  const seen = new Map<string, KafkaMessage[]>(topics.map((topic) => [topic, []]));
  const consumer: Consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => void seen.get(topic)?.push(message) });
  return { messages: (topic) => seen.get(topic) ?? [], stop: () => consumer.disconnect() };
};

/** Polls until `check` passes (or the time is up, then rethrows its last failure). */
export const eventually = async (check: () => Promise<void> | void, timeoutMs = 20_000, intervalMs = 100): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
};
