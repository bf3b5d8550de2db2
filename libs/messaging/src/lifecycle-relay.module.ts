// Lifecycle events out: the relay from the event store to `lead.lifecycle`, run for the life of the
// app. Mounted only when Kafka is configured.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, PostgresDataKeyStore, type EventStore } from '#event-store';
import { HealthRegistry, PG_POOL } from '#platform';
import { createKafka } from './kafka/kafka-client.js';
import type { KafkaConfig } from './kafka/kafka.config.js';
import { KafkaPartRunner } from './kafka/kafka-part.runner.js';
import type { KafkaTopics } from './kafka/topics.js';
import { LifecycleRelay } from './relay/lifecycle.relay.js';
import { RelayCheckpoints } from './relay/relay-checkpoints.js';

const RELAY_RUNNER = Symbol('RELAY_RUNNER');

@Module({})
export class LifecycleRelayModule {
  static forRoot(kafka: KafkaConfig, topics: KafkaTopics = kafka.topics): DynamicModule {
    return {
      module: LifecycleRelayModule,
      providers: [{
        provide: RELAY_RUNNER,
        inject: [EVENT_STORE, PG_POOL, HealthRegistry, PostgresDataKeyStore],
        useFactory: (store: EventStore, pool: Pool, health: HealthRegistry, dataKeys: PostgresDataKeyStore) => {
          const client = createKafka(kafka);
          const relay = new LifecycleRelay(client, store, new RelayCheckpoints(pool), dataKeys, { topic: topics.lifecycle, name: topics.lifecycle });
          return new KafkaPartRunner('kafka-lifecycle-relay', client, relay, health);
        },
      }],
    };
  }
}
