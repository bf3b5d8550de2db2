// MarketingBatchProcessor on its own, with the store and the dead-letter topic faked: the prefix it
// reports done (what the consumer commits) never passes a message that was neither appended (or
// found duplicate) nor dead-lettered, whatever failed.
import type { KafkaMessage, Message } from 'kafkajs';
import { EventStoreUnavailable } from '#event-store';
import { MarketingBatchProcessor, type BatchContext, type MarketingIngest, type MarketingMessageDto, type MessageOutcome } from '#messaging';
import { captured, fetchedKafkaMessage, invalid } from './marketing-fixtures.js';


const context: BatchContext = { topic: 'marketing', partition: 0, heartbeat: async () => undefined, isActive: () => true };

interface Fakes {
  readonly processor: MarketingBatchProcessor;
  /** messageIds appended (or found duplicate) by the fake store. */
  readonly appended: string[];
  /** messageIds sent to the dead-letter topic. */
  readonly deadLettered: string[];
}

/** `storeDown`: messageIds the store answers EventStoreUnavailable for. */
const fakes = ({ deadLettersFail = false, storeDown = new Set<string>() } = {}): Fakes => {
  const appended: string[] = [];
  const deadLettered: string[] = [];
  const ingestLead = async (messages: readonly MarketingMessageDto[]): Promise<MessageOutcome[]> => {
    const outcomes: MessageOutcome[] = [];
    for (const message of messages) {
      if (storeDown.has(message.messageId)) return [...outcomes, { accepted: false, error: new EventStoreUnavailable(new Error('down')) }];
      appended.push(message.messageId);
      outcomes.push({ accepted: true, result: { leadId: 'lead', duplicate: false } });
    }
    return outcomes;
  };
  const ingest = {
    ingestLead,
    ingestLeads: (leads: readonly (readonly MarketingMessageDto[])[]) => Promise.all(leads.map((messages) => ingestLead(messages))),
  } as unknown as MarketingIngest;
  const deadLetters = async (messages: Message[]): Promise<void> => {
    if (deadLettersFail) throw new Error('the broker is away');
    deadLettered.push(...messages.map((message) => JSON.parse(String(message.value)).messageId));
  };
  return { processor: new MarketingBatchProcessor(ingest, deadLetters, 4), appended, deadLettered };
};

const idOf = (message: KafkaMessage): string => JSON.parse(String(message.value)).messageId;

/** Every message of the committed prefix is appended or dead-lettered. */
const expectCommittedSettled = (messages: readonly KafkaMessage[], completed: number, { appended, deadLettered }: Fakes): void => {
  const unsettled = messages.slice(0, completed).map(idOf).filter((id) => !appended.includes(id) && !deadLettered.includes(id));
  expect(unsettled).toEqual([]);
};

describe('MarketingBatchProcessor: what it reports done is durably done', () => {
  it('[valid, valid, invalid] with the dead-letter topic failing: the valid ones are appended, the invalid one left open', async () => {
    const batch = [captured('a@example.com', 0, 'm0'), captured('b@example.com', 0, 'm1'), invalid('m2')].map(fetchedKafkaMessage);
    const f = fakes({ deadLettersFail: true });
    const { completed, failure } = await f.processor.process(batch, context);
    expectCommittedSettled(batch, completed, f);
    expect(f.appended).toEqual(['m0', 'm1']);
    expect(completed).toBe(2);
    expect(failure).toBeInstanceOf(Error);
  });

  it('[invalid, valid] with the dead-letter topic failing: nothing is done', async () => {
    const batch = [invalid('m0'), captured('a@example.com', 0, 'm1')].map(fetchedKafkaMessage);
    const f = fakes({ deadLettersFail: true });
    const { completed, failure } = await f.processor.process(batch, context);
    expect(completed).toBe(0);
    expect(failure).not.toBeNull();
  });

  it('[invalid, valid the store cannot take, invalid]: the first invalid is dead-lettered, the second waits for the retry (not sent twice)', async () => {
    const batch = [invalid('m0'), captured('a@example.com', 0, 'm1'), invalid('m2')].map(fetchedKafkaMessage);
    const f = fakes({ storeDown: new Set(['m1']) });
    const { completed, failure } = await f.processor.process(batch, context);
    expectCommittedSettled(batch, completed, f);
    expect(completed).toBe(1);
    expect(f.deadLettered).toEqual(['m0']);
    expect(failure).toBeInstanceOf(EventStoreUnavailable);
  });

  it('everything fine: all done, the invalid one dead-lettered', async () => {
    const batch = [captured('a@example.com', 0, 'm0'), invalid('m1'), captured('b@example.com', 0, 'm2')].map(fetchedKafkaMessage);
    const f = fakes();
    expect(await f.processor.process(batch, context)).toEqual({ completed: 3, failure: null });
    expect(f.appended).toEqual(['m0', 'm2']);
    expect(f.deadLettered).toEqual(['m1']);
  });
});
