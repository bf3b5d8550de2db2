// A lead's path through the lifecycle stages, as a read model can keep it, and the one rule every
// funnel metric shares: a lead that skipped a stage on a forward move counts as having passed it.
import { stageOrder, type LeadStatus, type LifecycleStage, type SourceChannel } from '../lifecycle.js';
import { instant, type Period } from './period.js';

export interface StageEntry {
  readonly stage: LifecycleStage;
  readonly at: string; // ISO instant the lead entered the stage (the event's occurred time)
  /** Nurture track, on entries into `nurturing`. */
  readonly track?: string;
}

/** A move onto another nurture track while the lead stays in `nurturing` (no stage entry). */
export interface NurtureTrackChange {
  readonly track: string;
  readonly at: string; // ISO instant of the NurturingStarted that changed the track
}

export interface LeadJourney {
  readonly leadId: string;
  /** Every stage entry in stream order, backward moves (rejections, recycling) included. */
  readonly entries: readonly StageEntry[];
  /** Track changes inside a stay in `nurturing`, in stream order; only nurture-track metrics need them. */
  readonly trackChanges?: readonly NurtureTrackChange[];
  /** When the deal was closed won (DealClosed with outcome won); absent when never won. */
  readonly wonAt?: string;
  /** Current status; only `active` (or absent) leads can be stalled. */
  readonly status?: LeadStatus;
  readonly source?: SourceChannel;
  readonly ownerId?: string;
}

/**
 * The instants at which the lead passed `stage`: it entered the stage itself, or a forward move
 * jumped over it (from below to above). A backward move into the stage counts (it is an entry);
 * a backward move across it does not. The first entry comes from "nowhere", below every stage.
 */
export const passagesOf = (journey: LeadJourney, stage: LifecycleStage): string[] => {
  const level = stageOrder(stage);
  const passages: string[] = [];
  let previous = -1;
  for (const entry of journey.entries) {
    const order = stageOrder(entry.stage);
    if (order === level || (previous < level && order > level)) passages.push(entry.at);
    previous = order;
  }
  return passages;
};

/** The first passage of `stage` inside the period, if any. */
export const firstPassageIn = (journey: LeadJourney, stage: LifecycleStage, period: Period): string | undefined => {
  const from = instant(period.from);
  const to = instant(period.to);
  return passagesOf(journey, stage).find((at) => instant(at) >= from && instant(at) < to);
};

/** Whether the lead was at `stage` or a later one at or after `since` (an ISO instant). */
export const reachedSince = (journey: LeadJourney, stage: LifecycleStage, since: string): boolean => {
  const level = stageOrder(stage);
  const start = instant(since);
  return journey.entries.some((e) => stageOrder(e.stage) >= level && instant(e.at) >= start);
};

/** The stage the lead was in just before `asOf` (entries at `asOf` itself belong to the next period). */
export const stageAt = (journey: LeadJourney, asOf: string): LifecycleStage | undefined => {
  const limit = instant(asOf);
  let stage: LifecycleStage | undefined;
  for (const entry of journey.entries) if (instant(entry.at) < limit) stage = entry.stage;
  return stage;
};
