// The lifecycle funnel of API.md: count per stage (reached it or a later one), consecutive
// conversions, and overall lead → won.
import { LIFECYCLE_STAGES, stageOrder, type LifecycleStage } from '../lifecycle.js';
import { firstPassageIn, type LeadJourney } from './journey.js';
import { instant, isWithin, type Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';
import type { CountingMode } from './stage-conversion.js';

export interface FunnelStage {
  readonly stage: LifecycleStage;
  readonly count: number;
  readonly conversionToNext: Ratio;
}

export interface Funnel {
  readonly mode: CountingMode;
  readonly stages: readonly FunnelStage[];
  readonly won: number;
  /** won / count at `lead`. */
  readonly overall: Ratio;
}

/** The furthest stage a lead's entries reach, among those the filter keeps; -1 for none. */
const furthest = (journey: LeadJourney, keep: (at: string) => boolean): number =>
  journey.entries.reduce((max, e) => (keep(e.at) ? Math.max(max, stageOrder(e.stage)) : max), -1);

/**
 * cohort: the leads captured (first passage of `lead`) in the period; a stage counts a lead that was
 * ever at it or later afterwards; won = those won at any time.
 * period: the leads with any stage entry in the period; a stage counts a lead with an entry at it or
 * later inside the period; won = leads won in the period.
 * Either way the counts never increase down the funnel, because each stage counts a subset of the one before.
 */
export const funnel = (journeys: readonly LeadJourney[], period: Period, mode: CountingMode): Funnel => {
  const levels: number[] = [];
  let won = 0;
  for (const journey of journeys) {
    if (mode === 'cohort') {
      const capturedAt = firstPassageIn(journey, 'lead', period);
      if (capturedAt === undefined) continue;
      const since = instant(capturedAt);
      levels.push(furthest(journey, (at) => instant(at) >= since));
      if (journey.wonAt !== undefined) won += 1;
    } else {
      const level = furthest(journey, (at) => isWithin(at, period));
      if (level >= 0) levels.push(level);
      if (journey.wonAt !== undefined && isWithin(journey.wonAt, period)) won += 1;
    }
  }
  const counts = LIFECYCLE_STAGES.map((_, order) => levels.filter((level) => level >= order).length);
  const stages = LIFECYCLE_STAGES.map((stage, i): FunnelStage => {
    const next = LIFECYCLE_STAGES[i + 1];
    return {
      stage,
      count: counts[i],
      conversionToNext: next === undefined
        ? ratio(0, 0, `${stage} is the last stage`)
        : ratio(counts[i + 1], counts[i], `no lead at ${stage} or later`),
    };
  });
  return { mode, stages, won, overall: ratio(won, counts[0], 'no lead in the funnel') };
};
