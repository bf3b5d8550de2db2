// Kafka settings, validated at start with the rest of the configuration: off unless KAFKA_BROKERS.
import type { EnvReader } from '#platform';
import { prefixedTopics, type KafkaTopics } from './topics.js';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** The one consumer group of the marketing-events consumer. */
  readonly groupId: string;
  /**
   * How long the group waits for a member that stopped answering before it hands the member's
   * partitions on: after a crash (kill -9), consumption resumes no sooner than this.
   */
  readonly sessionTimeoutMs: number;
  readonly ssl: boolean;
  readonly sasl: { readonly mechanism: SaslMechanism; readonly username: string; readonly password: string } | null;
  /** The topics of infra/kafka, each behind KAFKA_TOPIC_PREFIX (environments sharing one cluster). */
  readonly topics: KafkaTopics;
}

const TOPIC_PREFIX = /^[A-Za-z0-9._-]{0,100}$/;


const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const BOOLEAN = ['true', 'false'] as const;

/** `undefined` when Kafka is off (no KAFKA_BROKERS): HTTP ingest still works. */
export const readKafkaConfig = (env: EnvReader): KafkaConfig | undefined => {
  const brokers = env.list('KAFKA_BROKERS');
  const ssl = env.oneOf('KAFKA_SSL', BOOLEAN, 'false') === 'true';
  const mechanism = env.string('KAFKA_SASL_MECHANISM');
  const username = env.string('KAFKA_SASL_USERNAME');
  const password = env.string('KAFKA_SASL_PASSWORD');
  const clientId = env.string('KAFKA_CLIENT_ID', 'leadline');
  const groupId = env.string('KAFKA_GROUP_ID', 'leadline-marketing-events');
  // Brokers refuse less than their group.min.session.timeout.ms (6 s by default).
  const sessionTimeoutMs = env.integer('KAFKA_SESSION_TIMEOUT_MS', 30_000, { min: 6_000, max: 300_000 });
  const topicPrefix = env.string('KAFKA_TOPIC_PREFIX', '');
  if (brokers.length === 0) return undefined;

  if (!TOPIC_PREFIX.test(topicPrefix)) env.problem(`KAFKA_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-', got "${topicPrefix}"`);
  for (const broker of brokers.filter((item) => !BROKER.test(item))) {
    env.problem(`KAFKA_BROKERS must list host:port entries separated by commas, got "${broker}"`);
  }
  let sasl: KafkaConfig['sasl'] = null;
  if (mechanism !== undefined) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      env.problem(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got "${mechanism}"`);
    } else if (username === undefined || password === undefined) {
      env.problem('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM');
    } else {
      sasl = { mechanism: mechanism as SaslMechanism, username, password };
    }
  } else if (username !== undefined || password !== undefined) {
    env.problem('KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD need KAFKA_SASL_MECHANISM');
  }
  return { brokers, clientId, groupId, sessionTimeoutMs, ssl, sasl, topics: prefixedTopics(topicPrefix) };
};
