// Marketing events in: the ingest every entry point shares (HTTP mounts it), and, when Kafka is
// configured, the consumer of `marketing.lead-events` run for the life of the app.
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CommandsModule } from '#commands';
import { HealthRegistry } from '#platform';
import type { Kafka } from 'kafkajs';
import { createKafka, KAFKA } from './kafka/kafka-client.js';
import type { KafkaConfig } from './kafka/kafka.config.js';
import { KafkaPartRunner } from './kafka/kafka-part.runner.js';
import { MarketingEventsConsumer } from './kafka/marketing-events.consumer.js';
import { KAFKA_TOPICS, type KafkaTopics } from './kafka/topics.js';
import { MarketingIngest } from './marketing/marketing-ingest.js';

export interface MessagingOptions {
  /** Undefined: Kafka is off (KAFKA_BROKERS unset). */
  readonly kafka: KafkaConfig | undefined;
  readonly topics?: KafkaTopics;
}

const CONSUMER_RUNNER = Symbol('CONSUMER_RUNNER');

@Module({})
export class MarketingIngestModule {
  static forRoot({ kafka, topics = kafka?.topics ?? KAFKA_TOPICS }: MessagingOptions): DynamicModule {
    const consumer: Provider[] = kafka === undefined ? [] : [
      { provide: KAFKA, useFactory: () => createKafka(kafka) },
      {
        provide: CONSUMER_RUNNER,
        inject: [KAFKA, MarketingIngest, HealthRegistry],
        useFactory: (client: Kafka, ingest: MarketingIngest, health: HealthRegistry) =>
          new KafkaPartRunner(
            'kafka-marketing-consumer',
            client,
            new MarketingEventsConsumer(client, ingest, {
              groupId: kafka.groupId, sessionTimeoutMs: kafka.sessionTimeoutMs, topic: topics.marketingEvents, deadLetterTopic: topics.deadLetters,
            }),
            health,
          ),
      },
    ];
    return {
      module: MarketingIngestModule,
      imports: [CommandsModule],
      providers: [MarketingIngest, ...consumer],
      exports: [MarketingIngest],
    };
  }
}
