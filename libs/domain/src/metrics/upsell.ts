// Expansion metrics: the upsell/cross-sell ratio (by product quantity) and the share of customers
// that upsold, cross-sold or downgraded.
import { EXPANSION_KINDS, type ExpansionKind } from '../lifecycle.js';
import type { ProductLine } from '../products.js';
import { closedIn, type ClosedDeal, type Expansion } from './deals.js';
import { passagesOf, type LeadJourney } from './journey.js';
import { instant, isWithin, type Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

const quantityOf = (lines: readonly ProductLine[]): number => lines.reduce((sum, line) => sum + line.quantity, 0);

const isGrowth = (expansion: Expansion): boolean => expansion.kind === 'upsell' || expansion.kind === 'cross_sell';

export interface UpsellRatio {
  /** Product quantity of upsell and cross-sell expansions in the period. */
  readonly expansionQuantity: number;
  /** Product quantity of deals won in the period. */
  readonly wonQuantity: number;
  /** expansionQuantity / (wonQuantity + expansionQuantity). */
  readonly ratio: Ratio;
}

export interface UpsellRatios {
  /** Expansions of customers that were key accounts when they expanded. */
  readonly keyAccounts: UpsellRatio;
  readonly allCustomers: UpsellRatio;
}

const upsellRatio = (wonQuantity: number, expansions: readonly Expansion[]): UpsellRatio => {
  const expansionQuantity = quantityOf(expansions.flatMap((e) => e.products));
  return {
    expansionQuantity, wonQuantity,
    ratio: ratio(expansionQuantity, wonQuantity + expansionQuantity, 'no product sold in the period'),
  };
};

export const upsellCrossSellRatio = (
  deals: readonly ClosedDeal[], expansions: readonly Expansion[], period: Period,
): UpsellRatios => {
  const wonQuantity = quantityOf(closedIn(deals, period).filter((d) => d.outcome === 'won').flatMap((d) => d.products ?? []));
  const growth = expansions.filter((e) => isGrowth(e) && isWithin(e.recordedAt, period));
  return {
    keyAccounts: upsellRatio(wonQuantity, growth.filter((e) => e.keyAccount)),
    allCustomers: upsellRatio(wonQuantity, growth),
  };
};

export interface KindRate {
  readonly customers: number;
  /** customers with an expansion of this kind in the period / customers. */
  readonly rate: Ratio;
}

export interface ExpansionRates {
  /** Leads that had become customers before the period's end. */
  readonly customers: number;
  readonly byKind: Record<ExpansionKind, KindRate>;
}

/**
 * Counted among the journeys given (so a filter on journeys filters both sides); an expansion of a
 * lead not among those customers is not counted.
 */
export const expansionRates = (
  journeys: readonly LeadJourney[], expansions: readonly Expansion[], period: Period,
): ExpansionRates => {
  const end = instant(period.to);
  const customers = new Set(
    journeys.filter((j) => passagesOf(j, 'customer').some((at) => instant(at) < end)).map((j) => j.leadId),
  );
  const inPeriod = expansions.filter((e) => customers.has(e.leadId) && isWithin(e.recordedAt, period));
  const byKind = Object.fromEntries(EXPANSION_KINDS.map((kind) => {
    const count = new Set(inPeriod.filter((e) => e.kind === kind).map((e) => e.leadId)).size;
    return [kind, { customers: count, rate: ratio(count, customers.size, 'no customers before the end of the period') }];
  })) as Record<ExpansionKind, KindRate>;
  return { customers: customers.size, byKind };
};
