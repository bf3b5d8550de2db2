// One fetched batch of one partition: validate every message, ingest the valid ones — each lead's
// messages in order, every lead's in ONE append statement (MarketingIngest.ingestLeads) — then
// dead-letter the invalid ones. Reports how long a prefix of the batch is done (appended, found
// duplicate, or dead-lettered: durably), so the consumer commits exactly that and comes back for
// the rest. A message that failed to be either bounds that prefix, wherever it stands.
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
    const valid: Entry[] = [];
    const invalid: { readonly index: number; readonly deadLetter: Message }[] = [];
    messages.forEach((kafkaMessage, index) => {
      const parsed = kafkaMessage.value === null || kafkaMessage.value.length === 0
        ? { valid: false as const, errors: [{ field: 'message', message: 'is empty' }] }
        : parseMarketingMessage(kafkaMessage.value.toString('utf8'));
      if (!parsed.valid) {
        invalid.push({ index, deadLetter: toDeadLetter(context.topic, context.partition, kafkaMessage, { code: 'invalid_message', errors: parsed.errors }) });
        return;
      }
      valid.push({ index, message: parsed.message });
    });

    let failure = await this.ingestValid(messages, valid, context, done);
    // After the ingest, and only those before the first valid message left open: the ones after
    // it are fetched again anyway, and would reach the dead-letter topic twice.
    const firstOpenValid = valid.find(({ index }) => !done[index])?.index ?? messages.length;
    const settled = invalid.filter(({ index }) => index < firstOpenValid);
    if (settled.length > 0 && context.isActive()) {
      try {
        await this.deadLetters(settled.map(({ deadLetter }) => deadLetter));
        for (const { index } of settled) done[index] = true;
      } catch (error) {
        failure ??= error;
      }
    }
    const firstOpen = done.indexOf(false);
    return { completed: firstOpen === -1 ? messages.length : firstOpen, failure };
  }

  /**
   * Marks done the valid messages appended, found duplicate or dead-lettered; answers why the rest
   * are not (the store or the broker is unavailable), or null.
   */
  private async ingestValid(messages: readonly KafkaMessage[], valid: readonly Entry[], context: BatchContext, done: boolean[]): Promise<unknown> {
    let failure: unknown = null;
    const actor = KAFKA_ACTOR(context.topic);
    const leads = groupByLead(valid);
    if (leads.length === 0 || !context.isActive()) return null;
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
    return failure;
  }
}
