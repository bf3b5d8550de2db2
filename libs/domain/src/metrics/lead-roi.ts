// Lead ROI by source: revenue of the won leads of a source against what the source cost.
import type { SourceChannel } from '../lifecycle.js';
import { totalIn, wonIn, type ClosedDeal, type SourceCost } from './deals.js';
import type { Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

export interface SourceRoi {
  readonly source: SourceChannel;
  readonly revenue: number; // minor units
  readonly cost: number;
  /** (revenue − cost) / cost. */
  readonly roi: Ratio;
}

/**
 * Revenue: deals won in the period, by the lead's source. Costs: those recorded for the period
 * (matching a cost's period label to `period` is the caller's). One currency; others are not summed.
 * Deals without a source have no cost to weigh against and are left out.
 */
export const leadRoiBySource = (
  deals: readonly ClosedDeal[], costs: readonly SourceCost[], period: Period, currency: string,
): SourceRoi[] => {
  const won = wonIn(deals, period, currency);
  const ourCosts = costs.filter((cost) => cost.amount.currency === currency);
  const sources = [...new Set([...won.flatMap((deal) => deal.source ?? []), ...ourCosts.map((cost) => cost.source)])].sort();
  return sources.map((source) => {
    const revenue = totalIn(won.filter((deal) => deal.source === source).map((deal) => deal.amount), currency);
    const cost = totalIn(ourCosts.filter((c) => c.source === source).map((c) => c.amount), currency);
    return { source, revenue, cost, roi: ratio(revenue - cost, cost, `no ${currency} cost recorded for ${source}`) };
  });
};
