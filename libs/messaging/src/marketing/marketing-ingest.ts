// Where a validated marketing message becomes events, for HTTP and Kafka alike. Its events get ids
// derived from the messageId (marketing-command.mapping.ts), so the dedupe is as durable as the
// event store: a re-sent message finds its first event already stored and appends nothing.
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { deterministicEventId, ExecuteLeadCommand, type LeadCommandResult } from '#commands';
import { DuplicateEventId, EVENT_STORE, type EventStore } from '#event-store';
import { marketingCommandContext, marketingLeadId, marketingSeed, toLeadCommand } from './marketing-command.mapping.js';
import type { MarketingMessageDto } from './marketing-message.dto.js';

/** API.md: "202 with the lead id and whether the message was a duplicate". */
export interface IngestResult {
  readonly leadId: string;
  readonly duplicate: boolean;
}

const LEAD_STREAM_PREFIX = 'lead-';

@Injectable()
export class MarketingIngest {
  constructor(
    private readonly bus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * Appends the message's events unless its messageId was seen before. Throws what the command
   * side throws: EventStoreUnavailable when the store is down (retry), anything else is final.
   */
  async ingest(message: MarketingMessageDto, actor: string): Promise<IngestResult> {
    const leadId = marketingLeadId(message);
    const seed = marketingSeed(message.messageId);
    // Asked before executing so the answer can say `duplicate` honestly; the handler would also
    // answer a re-sent command from the stream, but without telling it apart from a first run.
    const seen = await this.store.findEvent(deterministicEventId(seed, 0));
    if (seen) return { leadId: seen.streamId.startsWith(LEAD_STREAM_PREFIX) ? seen.streamId.slice(LEAD_STREAM_PREFIX.length) : leadId, duplicate: true };
    try {
      await this.bus.execute<ExecuteLeadCommand, LeadCommandResult>(
        new ExecuteLeadCommand(leadId, () => toLeadCommand(message), marketingCommandContext(message, actor)),
      );
      return { leadId, duplicate: false };
    } catch (error) {
      // The same message processed concurrently elsewhere (two HTTP retries racing) got there first.
      if (error instanceof DuplicateEventId) return { leadId, duplicate: true };
      throw error;
    }
  }
}
