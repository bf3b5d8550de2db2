// Pipeline coverage: open pipeline expected to close in the period against the period's target.
import type { Money } from '../money.js';
import { totalIn, type OpenOpportunity } from './deals.js';
import type { Days } from './period.js';
import { ratio, type Ratio } from './ratio.js';
import { roundMinorUnits } from './statistics.js';

export interface PipelineCoverage {
  readonly currency: string;
  readonly opportunities: number;
  /** Opportunities expected to close in the period but in another currency: not added, only counted. */
  readonly otherCurrencyOpportunities: number;
  readonly pipelineValue: number; // minor units
  /** Σ amount × stage probability, rounded once to minor units (half away from zero). */
  readonly weightedPipelineValue: number;
  readonly target: number | null;
  readonly coverage: Ratio;
  readonly weightedCoverage: Ratio;
}

/**
 * `days`: the period's calendar days in the zone it was asked in (an expected close date is a date,
 * not an instant). `target` null: no target was set for the period, so both ratios are null with that reason.
 */
export const pipelineCoverage = (
  opportunities: readonly OpenOpportunity[], days: Days, currency: string, target: Money | null,
): PipelineCoverage => {
  if (target !== null && target.currency !== currency) {
    throw new RangeError(`target in ${target.currency} cannot cover a ${currency} pipeline`);
  }
  const closing = opportunities.filter((opp) => opp.expectedCloseDate >= days.fromDay && opp.expectedCloseDate < days.toDay);
  const counted = closing.filter((opp) => opp.amount.currency === currency);
  const pipelineValue = totalIn(counted.map((opp) => opp.amount), currency);
  const weightedPipelineValue = roundMinorUnits(counted.reduce((sum, opp) => sum + opp.amount.value * opp.probability, 0));
  const denominator = target?.value ?? 0;
  const reason = target === null ? 'no sales target for the period' : 'the sales target is 0';
  return {
    currency,
    opportunities: counted.length,
    otherCurrencyOpportunities: closing.length - counted.length,
    pipelineValue,
    weightedPipelineValue,
    target: target?.value ?? null,
    coverage: ratio(pipelineValue, denominator, reason),
    weightedCoverage: ratio(weightedPipelineValue, denominator, reason),
  };
};
