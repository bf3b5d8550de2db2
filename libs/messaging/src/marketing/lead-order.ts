// How a set of marketing messages is ingested, by Kafka batches and HTTP batches alike: each lead's
// messages together and in arrival order (marketing-ingest.ts appends them as one), leads in
// parallel.
import { marketingLeadId } from './marketing-command.mapping.js';
import type { MarketingMessageDto } from './marketing-message.dto.js';

export interface LeadOrderItem {
  readonly message: MarketingMessageDto;
}

/** Runs `work` over `items` with at most `limit` at once. */
export const runPooled = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

/** The items of each lead in arrival order, leads in the order they first appear. */
export const groupByLead = <Item extends LeadOrderItem>(items: readonly Item[]): Item[][] => {
  const leads = new Map<string, Item[]>();
  for (const item of items) {
    const leadId = marketingLeadId(item.message);
    const chain = leads.get(leadId);
    if (chain) chain.push(item);
    else leads.set(leadId, [item]);
  }
  return [...leads.values()];
};

/** Runs `work` once per lead over that lead's items in arrival order, `concurrency` leads at once. */
export const forEachLead = async <Item extends LeadOrderItem>(
  items: readonly Item[],
  concurrency: number,
  work: (chain: readonly Item[]) => Promise<void>,
): Promise<void> => {
  await runPooled(groupByLead(items), concurrency, work);
};
