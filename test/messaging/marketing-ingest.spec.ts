// MarketingIngest with the command side faked: one message whose processing throws something
// unexpected (a bug, neither a refusal nor an outage) fails alone; the rest of the batch is ingested.
import type { Message } from 'kafkajs';
import type { CommandBus } from '@nestjs/cqrs';
import { ExecuteLeadBatch, ExecuteLeadCommands, type LeadBatchAnswer, type LeadCommandsResult } from '#commands';
import { EventStoreUnavailable } from '#event-store';
import { DEAD_LETTER_HEADERS, MarketingBatchProcessor, MarketingIngest, marketingSeed, type MarketingMessageDto } from '#messaging';
import { captured, engaged, fetchedKafkaMessage, type MarketingMessage } from './marketing-fixtures.js';

const POISON = marketingSeed('poison');

/** Builds every command as the real handlers do; the poisoned one throws, taking its whole batch down. */
const fakeBus = (appended: string[], { storeDown = false } = {}): CommandBus => {
  const run = (command: ExecuteLeadCommands): LeadCommandsResult => {
    for (const item of command.items) {
      if (item.context.idempotencySeed === POISON) throw new TypeError('Cannot read properties of undefined');
    }
    appended.push(...command.items.map((item) => item.context.idempotencySeed));
    return { leadId: command.leadId, outcomes: command.items.map(() => ({ kind: 'applied' as const, events: [] })), revision: 1, position: null };
  };
  return {
    execute: async (command: unknown): Promise<LeadCommandsResult | LeadBatchAnswer[]> => {
      if (storeDown) throw new EventStoreUnavailable(new Error('down'));
      if (command instanceof ExecuteLeadBatch) {
        // What a throw in planning does: the handler's Promise.all rejects for every lead.
        command.leads.forEach((lead) => lead.items.forEach((item) => item.context.idempotencySeed === POISON && run(lead)));
        return command.leads.map((lead) => ({ result: run(lead) }));
      }
      return run(command as ExecuteLeadCommands);
    },
  } as unknown as CommandBus;
};


describe('MarketingIngest: a message whose processing throws unexpectedly', () => {
  const batch = [
    captured('a@example.com', 0, 'm0'),
    captured('b@example.com', 0, 'm1'),
    engaged('b@example.com', 1, undefined, 'poison'),
    engaged('b@example.com', 2, undefined, 'm3'),
    captured('c@example.com', 0, 'm4'),
  ];

  it('is dead-lettered alone, with its error code; the rest of the batch is appended and committed', async () => {
    const appended: string[] = [];
    const deadLettered: Message[] = [];
    const processor = new MarketingBatchProcessor(new MarketingIngest(fakeBus(appended)), async (messages) => void deadLettered.push(...messages), 4);
    const outcome = await processor.process(batch.map(fetchedKafkaMessage), { topic: 't', partition: 0, heartbeat: async () => undefined, isActive: () => true });
    expect(outcome).toEqual({ completed: batch.length, failure: null });
    expect(appended.sort()).toEqual(['m0', 'm1', 'm3', 'm4'].map(marketingSeed).sort());
    expect(deadLettered.map((message) => JSON.parse(String(message.value)).messageId)).toEqual(['poison']);
    expect(String(deadLettered[0].headers?.[DEAD_LETTER_HEADERS.code])).toBe('processing_failed');
    expect(String(deadLettered[0].headers?.[DEAD_LETTER_HEADERS.message])).toContain('TypeError');
  });

  it('while an outage of the whole batch still fails every message for a retry', async () => {
    const ingest = new MarketingIngest(fakeBus([], { storeDown: true }));
    const dto = (message: MarketingMessage): MarketingMessageDto => message as unknown as MarketingMessageDto;
    const outcomes = await ingest.ingestLeads([[dto(batch[0])], [dto(batch[1]), dto(batch[2])]], 'kafka:t');
    expect(outcomes.flat().map((outcome) => !outcome.accepted && outcome.error instanceof EventStoreUnavailable)).toEqual([true, true, true]);
  });
});
