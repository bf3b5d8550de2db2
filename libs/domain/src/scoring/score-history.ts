// Every change of a lead's score with its reason: "why is this lead 72?" read backwards.
import type { LeadEvent, LeadEventType } from '../events.js';
import { instantMs } from './instants.js';
import type { LeadScore } from './score-lead.js';
import { scoreLead } from './score-lead.js';
import type { ScoreCategory, ScoreLine } from './score-line.js';
import { formatPoints, fromTenths, toTenths } from './score-line.js';
import type { ScoreRule, ScoringModel } from './scoring-model.js';
import { DEFAULT_SCORING_MODEL } from './scoring-model.js';

export interface RuleChange {
  readonly rule: ScoreRule;
  readonly category: ScoreCategory;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

/**
 * The score right after one event. Decay between events applies: the previous entry's score has
 * decayed to `before` by `at` (so `before - previous.score` is what time alone took away), and the
 * event then moved it by `delta` (`score = before + delta`, exact in tenths).
 */
export interface ScoreHistoryEntry {
  readonly modelVersion: string;
  /** The lead's time when the event was applied: the latest `occurredAt` seen so far (the event's own, unless it arrived late). */
  readonly at: string;
  /** Position of the event in the lead's stream (the index in the events given). */
  readonly eventIndex: number;
  readonly eventType: LeadEventType;
  readonly before: number;
  readonly score: number;
  readonly fit: number;
  readonly behaviour: number;
  /** The event's own effect on the score at `at`. */
  readonly delta: number;
  /** The rules whose points the event changed. */
  readonly changes: readonly RuleChange[];
  /** For a person, e.g. `EngagementRecorded (demo_requested): demo_requested +30.0`. */
  readonly reason: string;
}

/** The change of one rule's points, null when there is none. A breakdown has at most one line a rule. */
const ruleChange = (was: ScoreLine | undefined, now: ScoreLine | undefined): RuleChange | null => {
  const line = now ?? was;
  if (line === undefined) return null;
  const delta = toTenths(now?.points ?? 0) - toTenths(was?.points ?? 0);
  if (delta === 0) return null;
  return { rule: line.rule, category: line.category, before: was?.points ?? 0, after: now?.points ?? 0, delta: fromTenths(delta) };
};

/** The rules of `after` in its order, then those only `before` had; a breakdown is a few lines, so no maps. */
const ruleChanges = (before: LeadScore, after: LeadScore): RuleChange[] => {
  const changes: RuleChange[] = [];
  const add = (change: RuleChange | null): void => {
    if (change !== null) changes.push(change);
  };
  for (const now of after.breakdown) add(ruleChange(before.breakdown.find((l) => l.rule === now.rule), now));
  for (const was of before.breakdown) if (!after.breakdown.some((l) => l.rule === was.rule)) add(ruleChange(was, undefined));
  return changes;
};

const eventLabel = (event: LeadEvent): string =>
  event.type === 'EngagementRecorded' ? `${event.type} (${event.data.engagement.kind})` : event.type;

/** The lead's time after `event`: the latest occurredAt among the previous events and it. */
const leadTime = (previousEvents: readonly LeadEvent[], event: LeadEvent): string => {
  let latest = event.data.occurredAt;
  let latestMs = instantMs(latest, `${event.type}.occurredAt`);
  for (const e of previousEvents) {
    const ms = instantMs(e.data.occurredAt, `${e.type}.occurredAt`);
    if (ms > latestMs) {
      latest = e.data.occurredAt;
      latestMs = ms;
    }
  }
  return latest;
};

/** The score just before and right after `event` (appended after `previousEvents`), both at the lead's time. */
export interface EventScoring {
  readonly at: string;
  readonly before: LeadScore;
  readonly after: LeadScore;
  readonly changes: readonly RuleChange[];
  /** after.total - before.total, exact in tenths. */
  readonly delta: number;
}

export const scoreAroundEvent = (
  previousEvents: readonly LeadEvent[],
  event: LeadEvent,
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): EventScoring => {
  const at = leadTime(previousEvents, event);
  return eventScoring(at, scoreLead(previousEvents, at, model), scoreLead([...previousEvents, event], at, model));
};

/** The scoring of an event from its scores just before and right after it. */
export const eventScoring = (at: string, before: LeadScore, after: LeadScore): EventScoring => ({
  at, before, after,
  changes: ruleChanges(before, after),
  delta: fromTenths(toTenths(after.total) - toTenths(before.total)),
});

/**
 * How `event`, appended after `previousEvents` (the lead's stream so far), changed the score;
 * null when it changed no rule's points (a lifecycle event, a visit over the daily limit, a capped rule).
 * A projection can call this per event instead of recomputing the whole history.
 */
export const scoreChange = (
  previousEvents: readonly LeadEvent[],
  event: LeadEvent,
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): ScoreHistoryEntry | null => historyEntryOf(previousEvents.length, event, scoreAroundEvent(previousEvents, event, model), model);

/**
 * `scoreChange` of an event already scored with `scoreAroundEvent` (at `eventIndex` in its stream),
 * for a caller that needs the scoring anyway: scoring twice would double a projection's CPU.
 */
export const historyEntryOf = (
  eventIndex: number,
  event: LeadEvent,
  { at, before, after, changes, delta }: EventScoring,
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): ScoreHistoryEntry | null => {
  if (changes.length === 0) return null;
  return {
    modelVersion: model.version,
    at,
    eventIndex,
    eventType: event.type,
    before: before.total,
    score: after.total,
    fit: after.fit,
    behaviour: after.behaviour,
    delta,
    changes,
    reason: `${eventLabel(event)}: ${changes.map((c) => `${c.rule} ${formatPoints(c.delta)}`).join(', ')}`,
  };
};

/** One entry per event (in stream order) that changed the score, evaluated at that event's time. */
export const scoreHistory = (
  events: readonly LeadEvent[],
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): ScoreHistoryEntry[] =>
  events.flatMap((event, i) => {
    const entry = scoreChange(events.slice(0, i), event, model);
    return entry === null ? [] : [entry];
  });
