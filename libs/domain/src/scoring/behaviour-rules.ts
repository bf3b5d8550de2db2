// Behaviour: what the lead does. Engagements earn points (daily limits applied), which are then
// decayed to "now" and capped per rule.
import type { LeadEvent } from '../events.js';
import type { Engagement } from '../lead-profile.js';
import { decayedPoints } from './decay.js';
import { instantMs, MS_PER_DAY } from './instants.js';
import type { ScoreLine } from './score-line.js';
import { formatPoints, roundPoints } from './score-line.js';
import type { BehaviourRule, ScoringModel } from './scoring-model.js';
import { BEHAVIOUR_RULES } from './scoring-model.js';

/** Points earned by one occurrence, at the time it occurred, before decay and cap. */
export interface BehaviourAward {
  readonly rule: BehaviourRule;
  readonly points: number;
  readonly occurredMs: number;
  /** Index in the given events of the event that earned it. */
  readonly eventIndex: number;
}

export interface BehaviourAwards {
  readonly awards: readonly BehaviourAward[];
  /** Occurrences per rule, including those over a daily limit. */
  readonly occurrences: ReadonlyMap<BehaviourRule, number>;
  /** Occurrences per rule that earned nothing because the daily limit was reached. */
  readonly overDailyLimit: ReadonlyMap<BehaviourRule, number>;
}

/** The rule an engagement falls under: `outreach_replied` splits into fast (within a day) and slow. */
export const behaviourRuleOf = (engagement: Engagement, model: ScoringModel): BehaviourRule => {
  if (engagement.kind !== 'outreach_replied') return engagement.kind;
  const minutes = engagement.responseMinutes;
  return minutes !== undefined && minutes <= model.behaviour.fastReplyMinutes ? 'outreach_replied_fast' : 'outreach_replied_slow';
};

/** One engagement as the awards see it: `index` is its place in the lead's stream. */
export interface Occurrence {
  readonly engagement: Engagement;
  readonly ms: number;
  readonly index: number;
}

/**
 * `behaviourAwards` part way through its occurrences: the awards so far and what the next
 * occurrence is judged against. Kept per lead, it lets a projection add an engagement without
 * going over the lead's history again (see lead-scoring-state.ts).
 */
export interface AwardsFold extends BehaviourAwards {
  readonly awards: BehaviourAward[];
  readonly occurrences: Map<BehaviourRule, number>;
  readonly overDailyLimit: Map<BehaviourRule, number>;
  /** The last occurrence folded (later ones must not sort before it), null before the first. */
  last: { readonly ms: number; readonly index: number } | null;
  /** Occurrences per rule on UTC day `day`: earlier days no longer matter, occurrences come in time order. */
  perDay: Map<BehaviourRule, number>;
  day: number;
  /** Distinct UTC day numbers with visits in the current repeated-visits window, ascending. */
  visitDays: number[];
  lastBonusDay: number | null;
}

export const emptyAwardsFold = (): AwardsFold => ({
  awards: [], occurrences: new Map(), overDailyLimit: new Map(), last: null, perDay: new Map(), day: Number.NaN, visitDays: [], lastBonusDay: null,
});

/** An independent copy, to fold more occurrences into without changing `fold`. */
export const copyAwardsFold = (fold: AwardsFold): AwardsFold => ({
  awards: [...fold.awards], occurrences: new Map(fold.occurrences), overDailyLimit: new Map(fold.overDailyLimit), last: fold.last,
  perDay: new Map(fold.perDay), day: fold.day, visitDays: [...fold.visitDays], lastBonusDay: fold.lastBonusDay,
});

/** True when `occurrence` sorts after every occurrence folded so far, so folding it extends the awards. */
export const comesAfter = (fold: AwardsFold, occurrence: Occurrence): boolean =>
  fold.last === null || occurrence.ms > fold.last.ms || (occurrence.ms === fold.last.ms && occurrence.index > fold.last.index);

const increment = <K>(map: Map<K, number>, key: K): number => {
  const next = (map.get(key) ?? 0) + 1;
  map.set(key, next);
  return next;
};

/** Whole UTC days since the epoch: day arithmetic on numbers, not on `YYYY-MM-DD` strings. */
const utcDayNumber = (ms: number): number => Math.floor(ms / MS_PER_DAY);

/** Folds one more occurrence into `fold` (changing it); it must come after those folded (`comesAfter`). */
export const foldOccurrence = (fold: AwardsFold, { engagement, ms, index }: Occurrence, model: ScoringModel): void => {
  const rule = behaviourRuleOf(engagement, model);
  const { points, maxPerDay } = model.behaviour.rules[rule];
  increment(fold.occurrences, rule);
  const day = utcDayNumber(ms);
  if (day !== fold.day) {
    fold.day = day;
    fold.perDay = new Map();
  }
  fold.last = { ms, index };
  if (maxPerDay !== null && increment(fold.perDay, rule) > maxPerDay) {
    increment(fold.overDailyLimit, rule);
  } else {
    fold.awards.push({ rule, points, occurredMs: ms, eventIndex: index });
  }

  if (rule === 'web_visit') {
    const { minDistinctDays, windowDays } = model.behaviour.repeatedVisits;
    const { visitDays } = fold;
    if (visitDays[visitDays.length - 1] !== day) visitDays.push(day);
    while (day - visitDays[0] >= windowDays) visitDays.shift(); // keep the window only
    if (visitDays.length >= minDistinctDays && (fold.lastBonusDay === null || day - fold.lastBonusDay >= windowDays)) {
      fold.lastBonusDay = day;
      increment(fold.occurrences, 'repeated_visits');
      fold.awards.push({ rule: 'repeated_visits', points: model.behaviour.rules.repeated_visits.points, occurredMs: ms, eventIndex: index });
    }
  }
};

/** The engagements among `events` that occurred by `nowMs`, in the order the awards take them. */
export const occurrencesOf = (events: readonly LeadEvent[], nowMs: number): Occurrence[] => {
  const occurrences: Occurrence[] = [];
  events.forEach((event, index) => {
    if (event.type !== 'EngagementRecorded') return;
    const ms = instantMs(event.data.occurredAt, 'EngagementRecorded.occurredAt');
    if (ms <= nowMs) occurrences.push({ engagement: event.data.engagement, ms, index });
  });
  return occurrences.sort((a, b) => a.ms - b.ms || a.index - b.index);
};

/**
 * What the engagements that occurred by `nowMs` earned. They are taken in order of occurrence
 * (stream order for equal times), so a re-sent or late engagement lands where it happened:
 * - a rule's `maxPerDay` lets only the first N occurrences of a UTC day earn points;
 * - `repeated_visits` is earned by the web visit that makes visits on `minDistinctDays` different
 *   UTC days within `windowDays` calendar days (that day included), at most once per window
 *   (two bonuses are at least `windowDays` days apart). Page views of one day are one day.
 */
export const behaviourAwards = (events: readonly LeadEvent[], nowMs: number, model: ScoringModel): AwardsFold => {
  const fold = emptyAwardsFold();
  for (const occurrence of occurrencesOf(events, nowMs)) foldOccurrence(fold, occurrence, model);
  return fold;
};

const describe = (
  rule: BehaviourRule,
  model: ScoringModel,
  count: number,
  earning: number,
  over: number,
  decayed: number,
  capped: boolean,
): string => {
  const { points, cap, maxPerDay } = model.behaviour.rules[rule];
  const parts: string[] = [];
  if (rule === 'repeated_visits') {
    const { minDistinctDays, windowDays } = model.behaviour.repeatedVisits;
    parts.push(`${count} × ${points} for visits on ${minDistinctDays}+ days within ${windowDays} days`);
  } else {
    parts.push(over === 0
      ? `${count} × ${points}`
      : `${count} seen, ${earning} × ${points} counted (${over} over the daily limit of ${maxPerDay})`);
  }
  parts.push(`${formatPoints(roundPoints(decayed))} after decay (half-life ${model.halfLifeDays} days)`);
  if (capped) parts.push(`capped at ${cap}`);
  return parts.join('; ');
};

/** The behaviour lines at `nowMs`, in the order of `BEHAVIOUR_RULES`; rules that never occurred give no line. */
export const behaviourLines = (awarded: BehaviourAwards, nowMs: number, model: ScoringModel): ScoreLine[] => {
  const lines: ScoreLine[] = [];
  // each rule's sums in one pass over the awards, in their order (the same float sums as rule by rule)
  const sums = new Map<BehaviourRule, { raw: number; decayed: number; earning: number }>();
  for (const award of awarded.awards) {
    let sum = sums.get(award.rule);
    if (sum === undefined) {
      sum = { raw: 0, decayed: 0, earning: 0 };
      sums.set(award.rule, sum);
    }
    sum.raw += award.points;
    sum.decayed += decayedPoints(award.points, award.occurredMs, nowMs, model.halfLifeDays);
    sum.earning += 1;
  }
  for (const rule of BEHAVIOUR_RULES) {
    const count = awarded.occurrences.get(rule) ?? 0;
    if (count === 0) continue;
    const { raw, decayed, earning } = sums.get(rule) ?? { raw: 0, decayed: 0, earning: 0 };
    const { cap } = model.behaviour.rules[rule];
    const capped = cap !== null && Math.abs(decayed) > cap;
    const worth = capped ? Math.sign(decayed) * cap : decayed;
    lines.push({
      rule,
      category: 'behaviour',
      points: roundPoints(worth),
      rawPoints: roundPoints(raw),
      count,
      capped,
      detail: describe(rule, model, count, earning, awarded.overDailyLimit.get(rule) ?? 0, decayed, capped),
    });
  }
  return lines;
};
