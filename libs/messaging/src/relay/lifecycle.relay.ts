// The relay out: a catch-up subscription on the lead streams that produces each batch to
// `lead.lifecycle` and moves its checkpoint only once the broker acknowledged the batch (acks=all).
// A crash between the two sends the batch again on restart: at-least-once, consumers dedupe by
// eventId. A failed send is retried by the subscription from the last acknowledged batch.
import { Logger } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import type { EventStore, Subscription } from '#event-store';
import { LEAD_STREAM_PREFIX, toLifecycleMessage } from './lifecycle-message.js';
import type { RelayCheckpoints } from './relay-checkpoints.js';

export interface LifecycleRelayOptions {
  readonly topic: string;
  /** The checkpoint's name; one per relay and topic. */
  readonly name: string;
  readonly batchSize?: number;
}

export class LifecycleRelay {
  private readonly logger = new Logger('LifecycleRelay');
  private readonly producer: Producer;
  private subscription: Subscription | null = null;
  private lastError: unknown = null;

  constructor(
    kafka: Kafka,
    private readonly store: EventStore,
    private readonly checkpoints: RelayCheckpoints,
    private readonly options: LifecycleRelayOptions,
  ) {
    this.producer = kafka.producer();
  }

  async start(): Promise<void> {
    await this.producer.connect();
    const after = await this.checkpoints.load(this.options.name);
    this.subscription = this.store.subscribe({
      after,
      batchSize: this.options.batchSize ?? 500,
      streamPrefixes: [LEAD_STREAM_PREFIX],
      onEvents: async (events) => {
        await this.producer.send({ topic: this.options.topic, acks: -1, messages: events.map(toLifecycleMessage) });
        await this.checkpoints.save(this.options.name, events[events.length - 1].position);
        this.lastError = null;
      },
      onError: (error) => {
        this.lastError = error;
        this.logger.warn(`relay to ${this.options.topic} retrying: ${error instanceof Error ? error.message : String(error)}`);
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.producer.disconnect();
  }

  /** Throws the last failure while the relay is not getting through (readiness). */
  assertHealthy(): void {
    if (this.lastError !== null) throw this.lastError;
  }
}
