import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, readConfig, type Env } from '#platform';
import { readKafkaConfig } from './kafka.config.js';
import { KAFKA_TOPICS } from './topics.js';

const read = (env: Env) => readConfig(env, readKafkaConfig);

describe('Kafka configuration', () => {
  it('is off without KAFKA_BROKERS', () => {
    expect(read({})).toBeUndefined();
  });

  it('reads brokers, ids, SSL and SASL', () => {
    expect(read({
      KAFKA_BROKERS: 'a:9092, b:9093', KAFKA_CLIENT_ID: 'c', KAFKA_GROUP_ID: 'g', KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_TOPIC_PREFIX: 'staging.',
    })).toEqual({
      brokers: ['a:9092', 'b:9093'], clientId: 'c', groupId: 'g', sessionTimeoutMs: 6000, ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
      topics: { marketingEvents: 'staging.marketing.lead-events', deadLetters: 'staging.marketing.lead-events.dlq', lifecycle: 'staging.lead.lifecycle' },
    });
    expect(read({ KAFKA_BROKERS: 'a:9092' })).toEqual({
      brokers: ['a:9092'], clientId: 'leadline', groupId: 'leadline-marketing-events', sessionTimeoutMs: 30_000, ssl: false, sasl: null,
      topics: { marketingEvents: 'marketing.lead-events', deadLetters: 'marketing.lead-events.dlq', lifecycle: 'lead.lifecycle' },
    });
  });

  it('names every bad variable at once', () => {
    const problems = (env: Env): readonly string[] => {
      try {
        read(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ KAFKA_BROKERS: 'a:9092,nonsense', KAFKA_SSL: 'yes', KAFKA_SASL_MECHANISM: 'plain' })).toEqual([
      'KAFKA_SSL must be one of true, false, got "yes"',
      'KAFKA_BROKERS must list host:port entries separated by commas, got "nonsense"',
      'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM',
    ]);
    expect(problems({ KAFKA_BROKERS: 'a:9092', KAFKA_TOPIC_PREFIX: 'bad prefix/' })).toEqual([`KAFKA_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-', got "bad prefix/"`]);
    expect(problems({ KAFKA_BROKERS: 'a:9092', KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual(['KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512, got "gssapi"']);
  });

  it('uses the topics infra/kafka provisions', () => {
    const { topics } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'infra', 'kafka', 'topics.json'), 'utf8')) as { topics: { name: string }[] };
    expect(Object.values(KAFKA_TOPICS).sort()).toEqual(topics.map((topic) => topic.name).sort());
  });
});
