// One fetched batch of one partition: validate every message, dead-letter the invalid ones, then
// ingest the valid ones — each lead's messages in order, every lead's in ONE append statement
// (MarketingIngest.ingestLeads). Reports how long a prefix of the batch is done, so the consumer
// commits exactly that and comes back for the rest.
import type { KafkaMessage, Message } from 'kafkajs';
import { MarketingIngest } from '../marketing/marketing-ingest.js';
import { groupByLead, runPooled } from '../marketing/lead-order.js';
import type { MarketingMessageDto } from '../marketing/marketing-message.dto.js';
import { parseMarketingMessage } from '../marketing/marketing-message.validation.js';
import { toDeadLetter } from './dead-letter.js';
import { isRetryable } from './retryable.js';

export interface BatchOutcome {
  /** messages[0 .. completed) are done: appended, found duplicate, or dead-lettered. */
  readonly completed: number;
  /** Why the rest is not: the store or the broker is unavailable. */
  readonly failure: unknown;
}

export interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  /** Keeps the group membership alive during a long batch. */
  readonly heartbeat: () => Promise<void>;
  /** False once the consumer is stopping or the partition was taken away. */
  readonly isActive: () => boolean;
}

export type DeadLetterSink = (messages: Message[]) => Promise<void>;

interface Entry {
  readonly index: number;
  readonly message: MarketingMessageDto;
}

export const KAFKA_ACTOR = (topic: string): string => `kafka:${topic}`;

export class MarketingBatchProcessor {
  constructor(
    private readonly ingest: MarketingIngest,
    private readonly deadLetters: DeadLetterSink,
    private readonly leadConcurrency: number,
  ) {}

  async process(messages: readonly KafkaMessage[], context: BatchContext): Promise<BatchOutcome> {
    const done = messages.map(() => false);
    let failure: unknown = null;
    const outcome = (): BatchOutcome => {
      const firstOpen = done.indexOf(false);
      return { completed: firstOpen === -1 ? messages.length : firstOpen, failure };
    };

    const valid: Entry[] = [];
    const invalid: Message[] = [];
    const invalidIndexes: number[] = [];
    messages.forEach((kafkaMessage, index) => {
      const parsed = kafkaMessage.value === null || kafkaMessage.value.length === 0
        ? { valid: false as const, errors: [{ field: 'message', message: 'is empty' }] }
        : parseMarketingMessage(kafkaMessage.value.toString('utf8'));
      if (!parsed.valid) {
        invalid.push(toDeadLetter(context.topic, context.partition, kafkaMessage, { code: 'invalid_message', errors: parsed.errors }));
        invalidIndexes.push(index);
        return;
      }
      valid.push({ index, message: parsed.message });
    });

    if (invalid.length > 0) {
      try {
        await this.deadLetters(invalid);
      } catch (error) {
        return { completed: invalidIndexes[0], failure: error };
      }
      for (const index of invalidIndexes) done[index] = true;
    }

    const actor = KAFKA_ACTOR(context.topic);
    const leads = groupByLead(valid);
    if (leads.length === 0 || !context.isActive()) return outcome();
    const answers = await this.ingest.ingestLeads(leads.map((chain) => chain.map((entry) => entry.message)), actor);
    await context.heartbeat();
    await runPooled(leads.map((chain, lead) => ({ chain, answer: answers[lead] })), this.leadConcurrency, async ({ chain, answer }) => {
      // What came back settles a prefix of the lead's messages.
      for (let rest = chain, outcomes = answer; ; ) {
        for (const [position, outcome] of outcomes.entries()) {
          const { index } = rest[position];
          if (!outcome.accepted) {
            if (isRetryable(outcome.error)) {
              failure ??= outcome.error;
              return;
            }
            try {
              await this.deadLetters([toDeadLetter(context.topic, context.partition, messages[index], { code: 'processing_failed', error: outcome.error })]);
            } catch (deadLetterError) {
              failure ??= deadLetterError;
              return;
            }
          }
          done[index] = true;
        }
        rest = rest.slice(outcomes.length);
        // Once something failed, later messages would only fail too; they are fetched again.
        if (rest.length === 0 || failure !== null || !context.isActive()) return;
        // A refused message was dead-lettered: the lead's messages after it go on.
        outcomes = await this.ingest.ingestLead(rest.map((entry) => entry.message), actor);
        await context.heartbeat();
      }
    });
    return outcome();
  }
}
