// Pipeline velocity: how much revenue the pipeline produces per day.
import { averageDealSize } from './deal-size.js';
import type { ClosedDeal, OpenOpportunity } from './deals.js';
import type { LeadJourney } from './journey.js';
import type { Period } from './period.js';
import { salesCycleLength } from './sales-cycle.js';
import { roundMinorUnits } from './statistics.js';
import { winRate } from './win-rate.js';

export interface VelocityInputs {
  /** Open qualified opportunities (in `sql`, not closed) in the currency measured. */
  readonly openOpportunities: number | null;
  readonly averageDealSize: number | null; // minor units
  readonly winRate: number | null; // 0..1
  readonly averageSalesCycleDays: number | null;
}

export interface Velocity {
  readonly currency: string;
  /** Minor units per day, rounded half away from zero. */
  readonly value: number | null;
  readonly inputs: VelocityInputs;
  readonly reason?: string;
}

const LABELS: Record<keyof VelocityInputs, string> = {
  openOpportunities: 'open opportunities',
  averageDealSize: 'average deal size',
  winRate: 'win rate',
  averageSalesCycleDays: 'average sales cycle length',
};

/** (open opportunities × average deal size × win rate) / average sales cycle days. */
export const pipelineVelocity = (inputs: VelocityInputs, currency: string): Velocity => {
  const missing = (Object.keys(LABELS) as (keyof VelocityInputs)[]).filter((key) => inputs[key] === null);
  if (missing.length > 0) {
    return { currency, value: null, inputs, reason: `missing: ${missing.map((key) => LABELS[key]).join(', ')}` };
  }
  const { openOpportunities, averageDealSize, winRate, averageSalesCycleDays } = inputs as { [K in keyof VelocityInputs]: number };
  if (averageSalesCycleDays <= 0) {
    return { currency, value: null, inputs, reason: 'average sales cycle length is not positive' };
  }
  return { currency, value: roundMinorUnits((openOpportunities * averageDealSize * winRate) / averageSalesCycleDays), inputs };
};

/**
 * The inputs from the records, for one currency: open opportunities in that currency now, and
 * deal size, win rate and mean sales cycle (lead → won) of the deals closed in `period` (the
 * look-back the caller chooses, e.g. the last 90 days). Win rate counts deals of every currency:
 * winning does not depend on the currency.
 */
export const velocityInputs = (
  records: {
    readonly openOpportunities: readonly OpenOpportunity[];
    readonly deals: readonly ClosedDeal[];
    readonly journeys: readonly LeadJourney[];
  },
  period: Period,
  currency: string,
): VelocityInputs => ({
  openOpportunities: records.openOpportunities.filter((opp) => opp.amount.currency === currency).length,
  averageDealSize: averageDealSize(records.deals, period, currency).average,
  winRate: winRate(records.deals, period).winRate.value,
  averageSalesCycleDays: salesCycleLength(records.journeys, period).mean,
});
