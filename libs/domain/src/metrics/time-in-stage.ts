// How long leads stay in each stage, and which leads have sat in one too long.
import { LIFECYCLE_STAGES, type LifecycleStage } from '../lifecycle.js';
import type { LeadJourney } from './journey.js';
import { daysBetween, isWithin, type Period } from './period.js';
import { summarize, type Summary } from './statistics.js';

export interface StageStay {
  readonly leadId: string;
  readonly stage: LifecycleStage;
  readonly enteredAt: string;
  readonly leftAt: string;
}

/** Completed stays: each entry lasts until the next entry. A skipped stage has no stay (no time spent). */
export const staysOf = (journey: LeadJourney): StageStay[] =>
  journey.entries.slice(0, -1).map((entry, i) => ({
    leadId: journey.leadId, stage: entry.stage, enteredAt: entry.at, leftAt: journey.entries[i + 1].at,
  }));

export interface TimeInStage extends Summary {
  readonly stage: LifecycleStage; // mean, median and p90 are in days
}

/**
 * Per stage, in lifecycle order: mean, median and p90 (nearest rank) in days of the stays that
 * ended inside the period. Stays are counted when they end because only then is their length known;
 * a lead still in a stage shows up in `stalledLeads` instead.
 */
export const timeInStage = (journeys: readonly LeadJourney[], period: Period): TimeInStage[] => {
  const stays = journeys.flatMap(staysOf).filter((stay) => isWithin(stay.leftAt, period));
  return LIFECYCLE_STAGES.map((stage) => ({
    stage,
    ...summarize(
      stays.filter((stay) => stay.stage === stage).map((stay) => daysBetween(stay.enteredAt, stay.leftAt)),
      `no lead left ${stage} in the period`,
    ),
  }));
};

export interface StalledLead {
  readonly leadId: string;
  readonly stage: LifecycleStage;
  readonly enteredAt: string;
  readonly days: number;
  readonly ownerId?: string;
}

export interface StalledOptions {
  readonly now: string; // ISO instant; the domain never reads a clock
  readonly thresholdDays: number;
  /** Stages where waiting means something is stuck; `closed` and `customer` are ends, not waits. */
  readonly stages?: readonly LifecycleStage[];
}

export const STALLABLE_STAGES: readonly LifecycleStage[] = ['lead', 'nurturing', 'mql', 'sal', 'sql'];

/** Active leads whose current stage was entered more than `thresholdDays` before `now`, longest first. */
export const stalledLeads = (journeys: readonly LeadJourney[], options: StalledOptions): StalledLead[] => {
  const stages = options.stages ?? STALLABLE_STAGES;
  const stalled: StalledLead[] = [];
  for (const journey of journeys) {
    const current = journey.entries[journey.entries.length - 1];
    if (current === undefined || (journey.status ?? 'active') !== 'active' || !stages.includes(current.stage)) continue;
    const waited = daysBetween(current.at, options.now);
    if (waited <= options.thresholdDays) continue;
    stalled.push({
      leadId: journey.leadId, stage: current.stage, enteredAt: current.at, days: waited,
      ...(journey.ownerId === undefined ? {} : { ownerId: journey.ownerId }),
    });
  }
  return stalled.sort((a, b) => b.days - a.days || a.leadId.localeCompare(b.leadId));
};
