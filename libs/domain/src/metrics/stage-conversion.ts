// Conversion from one lifecycle stage to a later one, in both counting modes of DOMAIN.md.
import { LIFECYCLE_STAGES, stageOrder, type LifecycleStage } from '../lifecycle.js';
import { firstPassageIn, passagesOf, reachedSince, type LeadJourney } from './journey.js';
import { isWithin, type Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

export type CountingMode = 'cohort' | 'period';

export interface StageConversion {
  readonly mode: CountingMode;
  readonly fromStage: LifecycleStage;
  readonly toStage: LifecycleStage;
  /** cohort: leads that passed `fromStage` in the period; period: passages of `fromStage` in it. */
  readonly entered: number;
  /** cohort: of those, leads at `toStage` or later since; period: passages of `toStage` in it. */
  readonly reached: number;
  readonly conversion: Ratio;
}

const requireForward = (a: LifecycleStage, b: LifecycleStage): void => {
  if (stageOrder(b) <= stageOrder(a)) throw new RangeError(`conversion needs a later stage: ${a} -> ${b}`);
};

/**
 * Cohort: the leads that passed A in [from, to) (skips count), and the share of them that were at B
 * or later at any time since their first passage of A in the period, even after `to` (the journeys
 * passed in are the history up to the checkpoint the answer reports).
 */
export const stageConversionCohort = (
  journeys: readonly LeadJourney[], a: LifecycleStage, b: LifecycleStage, period: Period,
): StageConversion => {
  requireForward(a, b);
  let entered = 0;
  let reached = 0;
  for (const journey of journeys) {
    const since = firstPassageIn(journey, a, period);
    if (since === undefined) continue;
    entered += 1;
    if (reachedSince(journey, b, since)) reached += 1;
  }
  return {
    mode: 'cohort', fromStage: a, toStage: b, entered, reached,
    conversion: ratio(reached, entered, `no lead entered ${a} in the period`),
  };
};

/** Period: every passage of each stage inside [from, to), whoever made it; a lead may count twice. */
export const stageEntriesInPeriod = (
  journeys: readonly LeadJourney[], period: Period,
): Record<LifecycleStage, number> => {
  const counts = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>;
  for (const journey of journeys) {
    for (const stage of LIFECYCLE_STAGES) {
      counts[stage] += passagesOf(journey, stage).filter((at) => isWithin(at, period)).length;
    }
  }
  return counts;
};

/**
 * Period mode A→B: passages of B in the period / passages of A in the period. The two counts are of
 * different leads, so the value can exceed 1 (a quarter that closes last quarter's backlog).
 */
export const stageConversionPeriod = (
  journeys: readonly LeadJourney[], a: LifecycleStage, b: LifecycleStage, period: Period,
): StageConversion => {
  requireForward(a, b);
  const counts = stageEntriesInPeriod(journeys, period);
  return {
    mode: 'period', fromStage: a, toStage: b, entered: counts[a], reached: counts[b],
    conversion: ratio(counts[b], counts[a], `no lead entered ${a} in the period`),
  };
};

export const stageConversion = (
  journeys: readonly LeadJourney[], a: LifecycleStage, b: LifecycleStage, period: Period, mode: CountingMode,
): StageConversion =>
  mode === 'cohort' ? stageConversionCohort(journeys, a, b, period) : stageConversionPeriod(journeys, a, b, period);
