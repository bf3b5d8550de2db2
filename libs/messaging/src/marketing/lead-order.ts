// How a set of marketing messages is ingested, by Kafka batches and HTTP batches alike: in arrival
// order within a lead, leads in parallel. A lead's chain stops at the first message that did not
// go through, so a later message of that lead is never appended before an earlier one.
import { marketingLeadId } from './marketing-command.mapping.js';
import type { MarketingMessageDto } from './marketing-message.dto.js';

export interface LeadOrderItem {
  readonly message: MarketingMessageDto;
}

/** Runs `work` over `items` with at most `limit` at once. */
const runPooled = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

/**
 * `work` answers whether the lead's chain may go on. Returns the items never reached because an
 * earlier item of their lead stopped the chain.
 */
export const forEachInLeadOrder = async <Item extends LeadOrderItem>(
  items: readonly Item[],
  concurrency: number,
  work: (item: Item) => Promise<boolean>,
): Promise<Item[]> => {
  const leads = new Map<string, Item[]>();
  for (const item of items) {
    const leadId = marketingLeadId(item.message);
    const chain = leads.get(leadId);
    if (chain) chain.push(item);
    else leads.set(leadId, [item]);
  }
  const skipped: Item[] = [];
  await runPooled([...leads.values()], concurrency, async (chain) => {
    for (let position = 0; position < chain.length; position++) {
      if (!(await work(chain[position]))) {
        skipped.push(...chain.slice(position + 1));
        return;
      }
    }
  });
  return skipped;
};
