// The marketing-events consumer (ARCHITECTURE.md "Kafka"): one group; per fetched partition batch,
// validate, append, then commit the offset of what is done. When the store (or the broker, for
// dead letters) is unavailable it commits nothing past the last done message, pauses that
// partition, and comes back to the first open message after a growing delay: nothing is dropped,
// and what was appended in the meantime is recognised by its messageId when it comes again.
import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { MarketingIngest } from '../marketing/marketing-ingest.js';
import { MarketingBatchProcessor } from './marketing-batch.processor.js';
import { backoffDelay } from './retryable.js';

export interface MarketingConsumerOptions {
  readonly groupId: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  /** Leads of one partition ingested at once. Default 16. */
  readonly leadConcurrency?: number;
  /** Partitions processed at once. Default 4. */
  readonly partitionsConsumedConcurrently?: number;
  /** Longest pause after repeated failures. Default 10 s. */
  readonly maxRetryDelayMs?: number;
  /** How long a fetch waits for data; also bounds how long a stop waits. Default 200 ms. */
  readonly maxWaitTimeInMs?: number;
  readonly sessionTimeoutMs?: number;
}

const nextOffset = (offset: string): string => (BigInt(offset) + 1n).toString();

export class MarketingEventsConsumer {
  private readonly logger = new Logger('MarketingEventsConsumer');
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly processor: MarketingBatchProcessor;
  private readonly failures = new Map<number, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private crashed: Error | null = null;

  constructor(kafka: Kafka, ingest: MarketingIngest, private readonly options: MarketingConsumerOptions) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 200,
      ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
    });
    this.producer = kafka.producer();
    this.processor = new MarketingBatchProcessor(
      ingest,
      async (messages) => void (await this.producer.send({ topic: options.deadLetterTopic, acks: -1, messages })),
      options.leadConcurrency ?? 16,
    );
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.restart ? null : payload.error;
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    // A new group starts at the beginning: messages sent before the first start are not lost.
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  /** Throws when the consumer stopped for good (readiness). */
  assertHealthy(): void {
    if (this.crashed) throw this.crashed;
  }

  private async handleBatch({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale, pause }: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = batch;
    const { completed, failure } = await this.processor.process(messages, {
      topic, partition, heartbeat, isActive: () => isRunning() && !isStale(),
    });
    if (completed > 0) {
      const last = messages[completed - 1].offset;
      resolveOffset(last);
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: nextOffset(last) }] }] });
    }
    if (completed === messages.length) {
      this.failures.delete(partition);
      return;
    }
    if (failure === null) return; // stopping or rebalancing: the rest is fetched again from the commit
    const failures = (this.failures.get(partition) ?? 0) + 1;
    this.failures.set(partition, failures);
    const delay = backoffDelay(failures, this.options.maxRetryDelayMs ?? 10_000);
    this.logger.warn(`partition ${partition}: ${failure instanceof Error ? failure.message : String(failure)}; pausing ${delay} ms at offset ${messages[completed].offset}`);
    const resume = pause();
    this.consumer.seek({ topic, partition, offset: messages[completed].offset });
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delay);
    this.resumeTimers.add(timer);
  }
}
