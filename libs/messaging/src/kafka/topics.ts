// The topics Leadline uses, as provisioned by infra/kafka/topics.json (a spec keeps the two equal).
// The code never creates them; a test passes its own names to stay apart from other suites.

export interface KafkaTopics {
  readonly marketingEvents: string;
  readonly deadLetters: string;
  readonly lifecycle: string;
}

export const KAFKA_TOPICS: KafkaTopics = {
  marketingEvents: 'marketing.lead-events',
  deadLetters: 'marketing.lead-events.dlq',
  lifecycle: 'lead.lifecycle',
};

/** The same topics behind a prefix (KAFKA_TOPIC_PREFIX), for environments sharing one cluster. */
export const prefixedTopics = (prefix: string): KafkaTopics => ({
  marketingEvents: `${prefix}${KAFKA_TOPICS.marketingEvents}`,
  deadLetters: `${prefix}${KAFKA_TOPICS.deadLetters}`,
  lifecycle: `${prefix}${KAFKA_TOPICS.lifecycle}`,
});
