// Where validated marketing messages become events, for HTTP and Kafka alike. A lead's messages
// that arrive together are decided in order and appended as ONE append (ExecuteLeadCommands), up
// to MAX_MESSAGES_PER_APPEND at a time. Each message's events get ids derived from its messageId
// (marketing-command.mapping.ts), so the dedupe is as durable as the event store: a re-sent message
// is recognised by its stored events and appends nothing.
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteLeadBatch, ExecuteLeadCommands, type LeadBatchAnswer, type LeadCommandItem, type LeadCommandsResult } from '#commands';
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
    const leadId = this.leadOf(messages);
    const outcomes: MessageOutcome[] = [];
    let chunkSize = MAX_MESSAGES_PER_APPEND;
    while (outcomes.length < messages.length) {
      const chunk = messages.slice(outcomes.length, outcomes.length + chunkSize);
      let answer: LeadBatchAnswer;
      try {
        answer = { result: await this.bus.execute<ExecuteLeadCommands, LeadCommandsResult>(this.command(leadId, chunk, actor)) };
      } catch (error) {
        answer = { error };
      }
      if ('error' in answer && chunk.length > 1 && !isRetryable(answer.error)) {
        // A final failure of the whole append names no message: one at a time pins it on its own.
        chunkSize = 1;
        continue;
      }
      const settled = toOutcomes(leadId, chunk, answer);
      outcomes.push(...settled);
      if (settled.length < chunk.length || !settled[settled.length - 1].accepted) return outcomes;
    }
    return outcomes;
  }

  /**
   * The messages of many leads (one fetched batch), each lead's in order: as ingestLead answers
   * for each, but the first MAX_MESSAGES_PER_APPEND of every lead go out in one append statement
   * (ExecuteLeadBatch); what is left of a lead, or what failed in a way that needs a closer look,
   * goes on through ingestLead.
   */
  async ingestLeads(leads: readonly (readonly MarketingMessageDto[])[], actor: string): Promise<MessageOutcome[][]> {
    const chunks = leads.map((messages) => messages.slice(0, MAX_MESSAGES_PER_APPEND));
    const leadIds = leads.map((messages) => this.leadOf(messages));
    let answers: LeadBatchAnswer[];
    try {
      answers = await this.bus.execute<ExecuteLeadBatch, LeadBatchAnswer[]>(
        new ExecuteLeadBatch(chunks.map((chunk, index) => this.command(leadIds[index], chunk, actor))),
      );
    } catch (error) {
      if (isRetryable(error)) return chunks.map((chunk) => chunk.map((): MessageOutcome => ({ accepted: false, error })));
      // Anything else thrown for the batch as a whole (one message's bug) names no message: each
      // lead on its own pins it on the one message, and only that one fails.
      return Promise.all(leads.map((messages) => this.ingestLead(messages, actor)));
    }
    return Promise.all(leads.map(async (messages, index) => {
      const answer = answers[index];
      if ('error' in answer && chunks[index].length > 1 && !isRetryable(answer.error)) return this.ingestLead(messages, actor);
      const outcomes = toOutcomes(leadIds[index], chunks[index], answer);
      const allAccepted = outcomes.length === chunks[index].length && outcomes.every((outcome) => outcome.accepted);
      if (!allAccepted || messages.length === chunks[index].length) return outcomes;
      return [...outcomes, ...(await this.ingestLead(messages.slice(outcomes.length), actor))];
    }));
  }

  private leadOf(messages: readonly MarketingMessageDto[]): string {
    const leadId = marketingLeadId(messages[0]);
    if (messages.some((message) => marketingLeadId(message) !== leadId)) throw new TypeError('a lead\'s messages must all be of that lead');
    return leadId;
  }

  private command(leadId: string, messages: readonly MarketingMessageDto[], actor: string): ExecuteLeadCommands {
    return new ExecuteLeadCommands(leadId, messages.map((message) => this.item(message, actor)));
  }

  private item(message: MarketingMessageDto, actor: string): LeadCommandItem {
    return { build: () => toLeadCommand(message), context: marketingCommandContext(message, actor) };
  }
}

/**
 * One lead's answer as message outcomes, for a prefix of `messages`: up to and including a refused
 * one, or every message failed when the whole append failed.
 */
const toOutcomes = (leadId: string, messages: readonly MarketingMessageDto[], answer: LeadBatchAnswer): MessageOutcome[] => {
  if ('error' in answer) return messages.map((): MessageOutcome => ({ accepted: false, error: answer.error }));
  const outcomes: MessageOutcome[] = [];
  for (const outcome of answer.result.outcomes) {
    if (outcome.kind === 'refused') return [...outcomes, { accepted: false, error: outcome.error }];
    outcomes.push({ accepted: true, result: { leadId, duplicate: outcome.kind === 'replayed' } });
  }
  return outcomes;
};
