// Where validated marketing messages become events, for HTTP and Kafka alike. A lead's messages
// that arrive together are decided in order and appended as ONE append (ExecuteLeadCommands), up
// to MAX_MESSAGES_PER_APPEND at a time. Each message's events get ids derived from its messageId
// (marketing-command.mapping.ts), so the dedupe is as durable as the event store: a re-sent message
// is recognised by its stored events and appends nothing.
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteLeadCommands, type LeadCommandItem, type LeadCommandsResult } from '#commands';
import { isRetryable } from '../kafka/retryable.js';
import { marketingCommandContext, marketingLeadId, toLeadCommand } from './marketing-command.mapping.js';
import type { MarketingMessageDto } from './marketing-message.dto.js';

/** API.md: "202 with the lead id and whether the message was a duplicate". */
export interface IngestResult {
  readonly leadId: string;
  readonly duplicate: boolean;
}

export type MessageOutcome =
  | { readonly accepted: true; readonly result: IngestResult }
  /** EventStoreUnavailable/ConcurrencyConflict (retry later), or final: a DomainError, EventTooLarge … */
  | { readonly accepted: false; readonly error: unknown };

/** Bounds one append's transaction (and what a failure sends back for retry). */
export const MAX_MESSAGES_PER_APPEND = 100;

@Injectable()
export class MarketingIngest {
  constructor(private readonly bus: CommandBus) {}

  /** One message: its result, or what the command side threw (EventStoreUnavailable: retry). */
  async ingest(message: MarketingMessageDto, actor: string): Promise<IngestResult> {
    const [outcome] = await this.ingestLead([message], actor);
    if (!outcome.accepted) throw outcome.error;
    return outcome.result;
  }

  /**
   * Messages of ONE lead, in order. Answers for a prefix of them: every outcome up to the first
   * failure, and when an append failed as a whole (the store is down), every message it held. The
   * messages after that were not tried, so the lead's order holds.
   */
  async ingestLead(messages: readonly MarketingMessageDto[], actor: string): Promise<MessageOutcome[]> {
    if (messages.length === 0) return [];
    const leadId = marketingLeadId(messages[0]);
    if (messages.some((message) => marketingLeadId(message) !== leadId)) throw new TypeError('ingestLead takes the messages of one lead');
    const outcomes: MessageOutcome[] = [];
    let chunkSize = MAX_MESSAGES_PER_APPEND;
    while (outcomes.length < messages.length) {
      const chunk = messages.slice(outcomes.length, outcomes.length + chunkSize);
      let result: LeadCommandsResult;
      try {
        result = await this.bus.execute<ExecuteLeadCommands, LeadCommandsResult>(new ExecuteLeadCommands(leadId, chunk.map((message) => this.item(message, actor))));
      } catch (error) {
        if (chunk.length > 1 && !isRetryable(error)) {
          // A final failure of the whole append names no message: one at a time pins it on its own.
          chunkSize = 1;
          continue;
        }
        return [...outcomes, ...chunk.map((): MessageOutcome => ({ accepted: false, error }))];
      }
      for (const outcome of result.outcomes) {
        if (outcome.kind === 'refused') return [...outcomes, { accepted: false, error: outcome.error }];
        outcomes.push({ accepted: true, result: { leadId, duplicate: outcome.kind === 'replayed' } });
      }
    }
    return outcomes;
  }

  private item(message: MarketingMessageDto, actor: string): LeadCommandItem {
    return { build: () => toLeadCommand(message), context: marketingCommandContext(message, actor) };
  }
}
