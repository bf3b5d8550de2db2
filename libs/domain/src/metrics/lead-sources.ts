// Leads by source (with conversion to won) and by stage.
import { LIFECYCLE_STAGES, type LifecycleStage, type SourceChannel } from '../lifecycle.js';
import { firstPassageIn, stageAt, type LeadJourney } from './journey.js';
import type { Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

export type SourceKey = SourceChannel | 'unknown';

export interface SourceRow {
  readonly source: SourceKey;
  readonly leads: number;
  readonly won: number;
  readonly conversionToWon: Ratio;
}

/** The cohort captured in the period, per source (sorted), with the share of each won at any time since. */
export const leadsBySource = (journeys: readonly LeadJourney[], period: Period): SourceRow[] => {
  const rows = new Map<SourceKey, { leads: number; won: number }>();
  for (const journey of journeys) {
    if (firstPassageIn(journey, 'lead', period) === undefined) continue;
    const source = journey.source ?? 'unknown';
    const row = rows.get(source) ?? { leads: 0, won: 0 };
    rows.set(source, { leads: row.leads + 1, won: row.won + (journey.wonAt === undefined ? 0 : 1) });
  }
  return [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([source, { leads, won }]) => ({
    source, leads, won, conversionToWon: ratio(won, leads, `no lead from ${source} in the period`),
  }));
};

export interface StageCount {
  readonly stage: LifecycleStage;
  readonly count: number;
}

/** How many leads sat in each stage just before `asOf` (e.g. a period's `to`), in lifecycle order. */
export const leadsByStage = (journeys: readonly LeadJourney[], asOf: string): StageCount[] => {
  const stages = journeys.map((journey) => stageAt(journey, asOf));
  return LIFECYCLE_STAGES.map((stage) => ({ stage, count: stages.filter((s) => s === stage).length }));
};
