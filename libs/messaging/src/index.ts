// Kafka and the marketing-message contract: ingest (shared by HTTP and Kafka), the consumer, the
// dead-letter topic and the lifecycle relay out.
export * from './marketing/lead-fields.dto.js';
export * from './marketing/marketing-message.dto.js';
export * from './marketing/marketing-message.validation.js';
export * from './marketing/marketing-command.mapping.js';
export * from './marketing/marketing-ingest.js';
export * from './marketing/lead-order.js';
export * from './kafka/topics.js';
export * from './kafka/kafka.config.js';
export * from './kafka/kafka-client.js';
export * from './kafka/dead-letter.js';
export * from './kafka/marketing-batch.processor.js';
export * from './kafka/marketing-events.consumer.js';
export * from './relay/lifecycle-message.js';
export * from './relay/lifecycle.relay.js';
export * from './relay/relay-checkpoints.js';
export * from './relay/relay.migrations.js';
export * from './marketing-ingest.module.js';
export * from './lifecycle-relay.module.js';
