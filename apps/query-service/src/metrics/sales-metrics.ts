// Deal metrics: closed deals, open opportunities, targets and costs of the window, fed to the
// domain's formulas per period. Money is answered per currency, never summed across currencies.
import { metrics, type Money, type SourceChannel } from '#domain';
import type { OpenPipeline } from '#read-models';
import { currenciesAsked, FILTERS, inCurrency, type MetricDefinition } from './metric-definition.js';
import { JourneyIndex } from './journey-index.js';
import { daysOf, labelsWithin, periodLabel, previousPeriod } from './metric-window.js';
import { targetsOfPeriod } from './period-targets.js';

const wonAmounts = (deals: readonly metrics.ClosedDeal[], period: metrics.Period): Money[] =>
  metrics.wonIn(deals, period).map((deal) => deal.amount);

export const winRateMetric: MetricDefinition = {
  name: 'win-rate',
  summary: 'won / (won + lost) among deals closed in the period',
  options: FILTERS,
  prepare: async ({ snapshot, window, filter }) => {
    const deals = await snapshot.closedDeals(window, { filter });
    return { compute: (period) => ({ ...metrics.winRate(deals, period) }) };
  },
};

export const dealSizeMetric: MetricDefinition = {
  name: 'deal-size',
  summary: 'Average won amount and average ACV (annualised by the deal\'s term) per currency',
  options: [...FILTERS, 'currency'],
  prepare: async ({ snapshot, window, filter, options }) => {
    const deals = await snapshot.closedDeals(window, { filter });
    return { compute: (period) => ({ dealSizes: inCurrency(metrics.dealSizes(deals, period), options.currency) }) };
  },
};

export const velocityMetric: MetricDefinition = {
  name: 'velocity',
  summary: 'Revenue per day: (open opportunities at the period\'s end × average deal size × win rate) / average sales cycle days, per currency; with the open pipeline\'s value then',
  options: [...FILTERS, 'currency'],
  prepare: async ({ snapshot, window, filter, options, now }) => {
    const deals = await snapshot.closedDeals(window, { filter });
    const journeys = new JourneyIndex(await snapshot.journeys({ kind: 'won' }, window, filter));
    // The pipeline is measured at each period's end, or now for a period not over yet.
    const openAtOf = (period: metrics.Period): string => (period.to < now ? period.to : now);
    const pipelines = await snapshot.openPipelineAt([...new Set([window, ...window.buckets].map(openAtOf))], filter);
    return {
      compute: (period) => {
        const openAt = openAtOf(period);
        const open = pipelines.get(openAt) ?? new Map<string, OpenPipeline>();
        const currencies = currenciesAsked(
          [...[...open.keys()].map((currency) => ({ currency })), ...wonAmounts(deals, period)], options.currency,
        );
        // The domain's velocityInputs, with the open opportunities counted by the read model.
        const winRate = metrics.winRate(deals, period).winRate.value;
        const averageSalesCycleDays = metrics.salesCycleLength(journeys.touching(period), period).mean;
        return {
          openAt,
          velocities: currencies.map((currency) => ({
            ...metrics.pipelineVelocity({
              openOpportunities: open.get(currency)?.opportunities ?? 0,
              averageDealSize: metrics.averageDealSize(deals, period, currency).average,
              winRate,
              averageSalesCycleDays,
            }, currency),
            openPipelineValue: open.get(currency)?.value ?? 0,
          })),
        };
      },
    };
  },
};

export const coverageMetric: MetricDefinition = {
  name: 'coverage',
  summary: 'Open pipeline expected to close in the period / the period\'s sales target, plain and weighted by deal-stage win probability',
  options: [...FILTERS, 'currency'],
  prepare: async ({ snapshot, window, filter, options, pipelines }) => {
    const targets = await snapshot.targets(labelsWithin(window, window.tz));
    return {
      compute: async (period) => {
        const label = periodLabel(period, window.tz);
        // The rep's own target when one rep is asked for, else the team's.
        const target = targetsOfPeriod(period, window.tz, targets).find((t) => t.ownerId === filter.ownerId)?.amount ?? null;
        const days = daysOf(period, window.tz);
        const opportunities = await snapshot.openOpportunitiesClosing(days.fromDay, days.toDay, pipelines, filter);
        const currencies = currenciesAsked([...opportunities.map((opp) => opp.amount), ...(target === null ? [] : [target])], options.currency);
        return {
          targetPeriod: label,
          coverage: currencies.map((currency) =>
            metrics.pipelineCoverage(opportunities, days, currency, target?.currency === currency ? target : null)),
        };
      },
    };
  },
};

export const salesGrowthMetric: MetricDefinition = {
  name: 'sales-growth',
  summary: '(won revenue of the period − that of the period before) / that of the period before, per currency',
  options: [...FILTERS, 'currency'],
  prepare: async ({ snapshot, window, filter, options }) => {
    const previous = [window, ...window.buckets].map((period) => previousPeriod(period, window.tz));
    const from = previous.map((period) => period.from).sort()[0];
    const deals = await snapshot.closedDeals({ from, to: window.to }, { filter });
    return {
      compute: (period) => {
        const before = previousPeriod(period, window.tz);
        const currencies = currenciesAsked([...wonAmounts(deals, period), ...wonAmounts(deals, before)], options.currency);
        return { previous: before, growth: currencies.map((currency) => metrics.salesGrowth(deals, period, before, currency)) };
      },
    };
  },
};

export const quotaAttainmentMetric: MetricDefinition = {
  name: 'quota-attainment',
  summary: 'Won revenue / target per owner and for the team, and the share of reps at or over quota (targets are set per month, quarter or year; a longer period sums its parts\' when each has one)',
  options: ['currency'],
  prepare: async ({ snapshot, window, options }) => {
    const targets = await snapshot.targets(labelsWithin(window, window.tz));
    const deals = await snapshot.closedDeals(window, { filter: {} });
    return {
      compute: (period) => {
        const label = periodLabel(period, window.tz);
        const periodTargets = targetsOfPeriod(period, window.tz, targets);
        const currencies = currenciesAsked([...wonAmounts(deals, period), ...periodTargets.map((t) => t.amount)], options.currency);
        return {
          targetPeriod: label,
          attainment: currencies.map((currency) => metrics.quotaAttainment(deals, periodTargets, period, currency)),
        };
      },
    };
  },
};

export const leadRoiMetric: MetricDefinition = {
  name: 'lead-roi',
  summary: 'Per source: revenue of deals won in the period against the campaign costs recorded for the months, quarters and years within the period, per currency',
  options: ['source', 'currency'],
  prepare: async ({ snapshot, window, filter, options }) => {
    // Costs are spends recorded per calendar label: a period counts those of every label within it.
    const costs = await snapshot.campaignCosts(labelsWithin(window, window.tz));
    const sources = await snapshot.campaignSources([...new Set(costs.map((cost) => cost.campaignId))]);
    const deals = await snapshot.closedDeals(window, { filter });
    return {
      compute: (period) => {
        const within = new Set(labelsWithin(period, window.tz));
        const periodCosts = costs.filter((cost) => within.has(cost.period));
        const sourceCosts = periodCosts.flatMap((cost): metrics.SourceCost[] => {
          const source: SourceChannel | undefined = sources.get(cost.campaignId);
          return source === undefined ? [] : [{ source, amount: cost.amount }];
        });
        const currencies = currenciesAsked([...wonAmounts(deals, period), ...periodCosts.map((cost) => cost.amount)], options.currency);
        return {
          costPeriods: [...new Set(periodCosts.map((cost) => cost.period))].sort(),
          roi: currencies.map((currency) => ({
            currency,
            sources: metrics.leadRoiBySource(deals, sourceCosts, period, currency).filter((row) => filter.source === undefined || row.source === filter.source),
          })),
          // Costs of campaigns with no captured lead yet: no source to weigh them against.
          unattributedCosts: inCurrency(periodCosts.filter((cost) => !sources.has(cost.campaignId))
            .map((cost) => ({ campaignId: cost.campaignId, value: cost.amount.value, currency: cost.amount.currency })), options.currency),
        };
      },
    };
  },
};

export const revenueByProductMetric: MetricDefinition = {
  name: 'revenue-by-product',
  summary: 'Won and expansion (upsell, cross-sell) revenue per product and currency',
  options: [...FILTERS, 'currency'],
  prepare: async ({ snapshot, window, filter, options }) => {
    const deals = await snapshot.closedDeals(window, { filter });
    const expansions = await snapshot.expansions(window, filter);
    return { compute: (period) => ({ products: inCurrency(metrics.revenueByProduct(deals, expansions, period), options.currency) }) };
  },
};

export const dealStagesMetric: MetricDefinition = {
  name: 'deal-stages',
  summary: 'Per pipeline: opportunities that entered it in the period, how far they got through its deal stages, losses by stage; and the deals lost in the period by stage and reason',
  options: [...FILTERS, 'pipeline'],
  prepare: async ({ snapshot, window, filter, options, pipelines }) => {
    const paths = await snapshot.opportunityPaths(window, filter);
    const deals = await snapshot.closedDeals(window, { filter, ...(options.pipeline && { pipeline: options.pipeline.id }) });
    const asked = options.pipeline === undefined ? pipelines : [options.pipeline];
    return {
      compute: (period) => ({
        pipelines: asked.map((pipeline) => metrics.dealStageFunnel(paths.filter((path) => path.pipeline === pipeline.id), pipeline, period)),
        losses: metrics.lossAnalysis(deals, period),
      }),
    };
  },
};
