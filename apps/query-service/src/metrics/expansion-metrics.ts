// Customer expansion: the upsell/cross-sell ratio (key accounts and all customers) and the share of
// customers that upsold, cross-sold or downgraded.
import { EXPANSION_KINDS, metrics, type ExpansionKind } from '#domain';
import { FILTERS, type MetricDefinition } from './metric-definition.js';

/**
 * The domain's `expansionRates` with the customer base counted in SQL: it is every customer up to
 * the period's end, the one figure that spans history, so it is counted rather than loaded.
 * Expansions are only recorded for customers, so every lead expanding in the period is one of them.
 */
export const expansionRatesOver = (
  customers: number, expansions: readonly metrics.Expansion[], period: metrics.Period,
): metrics.ExpansionRates => {
  const inPeriod = expansions.filter((e) => metrics.isWithin(e.recordedAt, period));
  const byKind = Object.fromEntries(EXPANSION_KINDS.map((kind) => {
    const count = new Set(inPeriod.filter((e) => e.kind === kind).map((e) => e.leadId)).size;
    return [kind, { customers: count, rate: metrics.ratio(count, customers, 'no customers before the end of the period') }];
  })) as Record<ExpansionKind, metrics.KindRate>;
  return { customers, byKind };
};

export const upsellMetric: MetricDefinition = {
  name: 'upsell',
  summary: 'Upsell/cross-sell ratio by product quantity (key accounts and all customers) and the share of customers with an upsell, cross-sell or downgrade',
  options: FILTERS,
  prepare: async ({ snapshot, window, filter }) => {
    const deals = await snapshot.closedDeals(window, { filter });
    const expansions = await snapshot.expansions(window, filter);
    return {
      compute: async (period) => ({
        upsellRatio: metrics.upsellCrossSellRatio(deals, expansions, period),
        expansionRates: expansionRatesOver(await snapshot.customersBefore(period.to, filter), expansions, period),
      }),
    };
  },
};
