// Sales growth: won revenue of a period against the one before.
import { totalIn, wonIn, type ClosedDeal } from './deals.js';
import type { Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

/** Won revenue in minor units of one currency, deals closed in the period. */
export const wonRevenue = (deals: readonly ClosedDeal[], period: Period, currency: string): number =>
  totalIn(wonIn(deals, period, currency).map((deal) => deal.amount), currency);

export interface SalesGrowth {
  readonly currency: string;
  readonly revenue: number;
  readonly previousRevenue: number;
  /** (revenue − previousRevenue) / previousRevenue. */
  readonly growth: Ratio;
}

export const salesGrowth = (
  deals: readonly ClosedDeal[], period: Period, previous: Period, currency: string,
): SalesGrowth => {
  const revenue = wonRevenue(deals, period, currency);
  const previousRevenue = wonRevenue(deals, previous, currency);
  return {
    currency, revenue, previousRevenue,
    growth: ratio(revenue - previousRevenue, previousRevenue, `no ${currency} revenue in the previous period`),
  };
};
