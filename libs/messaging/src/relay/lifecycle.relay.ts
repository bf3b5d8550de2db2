// The relay out: a catch-up subscription on the lead streams that produces each batch to
// `lead.lifecycle` and moves its checkpoint only once the broker acknowledged the batch (acks=all).
// A crash between the two sends the batch again on restart: at-least-once, consumers dedupe by
// eventId. A failed send is retried by the subscription from the last acknowledged batch.
import { Logger } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { ERASED_VALUE, personalFieldsOf } from '#domain';
import { rewriteFields, type DataKeyStore, type EventStore, type RecordedEvent, type Subscription } from '#event-store';
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
    /**
     * The data keys as they are now, read for every batch (not a cache): the store decoded the
     * batch with keys its process may keep a minute after an erasure made elsewhere.
     */
    private readonly dataKeys: Pick<DataKeyStore, 'find'>,
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
        const messages = (await this.withoutErasedData(events)).map(toLifecycleMessage);
        await this.producer.send({ topic: this.options.topic, acks: -1, messages });
        await this.checkpoints.save(this.options.name, events[events.length - 1].position);
        this.lastError = null;
      },
      onError: (error) => {
        this.lastError = error;
        this.logger.warn(`relay to ${this.options.topic} retrying: ${error instanceof Error ? error.message : String(error)}`);
      },
    });
  }

  /**
   * API.md: personal data only where not erased. An erasure made in another process (the lead
   * service) reaches this one's key cache up to a minute later, and a relay that lags publishes
   * events decoded meanwhile: the batch's leads are checked against the key store itself.
   */
  private async withoutErasedData(events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]> {
    const leadOf = (event: RecordedEvent): string => event.streamId.slice(LEAD_STREAM_PREFIX.length);
    const keys = await this.dataKeys.find([...new Set(events.map(leadOf))]);
    return events.map((event) => (keys.get(leadOf(event))?.state === 'erased'
      ? { ...event, data: rewriteFields(event.data, personalFieldsOf(event.type), () => ERASED_VALUE) }
      : event));
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
