// Behaviour: what the lead does. Engagements earn points (daily limits applied), which are then
// decayed to "now" and capped per rule.
import type { LeadEvent } from '../events.js';
import type { Engagement } from '../lead-profile.js';
import { decayedPoints } from './decay.js';
import { daysBetweenUtcDays, instantMs, utcDay } from './instants.js';
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

interface Occurrence {
  readonly engagement: Engagement;
  readonly ms: number;
  readonly index: number;
}

const increment = <K>(map: Map<K, number>, key: K): number => {
  const next = (map.get(key) ?? 0) + 1;
  map.set(key, next);
  return next;
};

/**
 * What the engagements that occurred by `nowMs` earned. They are taken in order of occurrence
 * (stream order for equal times), so a re-sent or late engagement lands where it happened:
 * - a rule's `maxPerDay` lets only the first N occurrences of a UTC day earn points;
 * - `repeated_visits` is earned by the web visit that makes visits on `minDistinctDays` different
 *   UTC days within `windowDays` calendar days (that day included), at most once per window
 *   (two bonuses are at least `windowDays` days apart). Page views of one day are one day.
 */
export const behaviourAwards = (events: readonly LeadEvent[], nowMs: number, model: ScoringModel): BehaviourAwards => {
  const occurrencesInOrder: Occurrence[] = [];
  events.forEach((event, index) => {
    if (event.type !== 'EngagementRecorded') return;
    const ms = instantMs(event.data.occurredAt, 'EngagementRecorded.occurredAt');
    if (ms <= nowMs) occurrencesInOrder.push({ engagement: event.data.engagement, ms, index });
  });
  occurrencesInOrder.sort((a, b) => a.ms - b.ms || a.index - b.index);

  const awards: BehaviourAward[] = [];
  const occurrences = new Map<BehaviourRule, number>();
  const overDailyLimit = new Map<BehaviourRule, number>();
  const perDay = new Map<string, number>();
  const { minDistinctDays, windowDays } = model.behaviour.repeatedVisits;
  const visitDays: string[] = []; // distinct days with visits in the current window, ascending
  let lastBonusDay: string | null = null;

  for (const { engagement, ms, index } of occurrencesInOrder) {
    const rule = behaviourRuleOf(engagement, model);
    const { points, maxPerDay } = model.behaviour.rules[rule];
    increment(occurrences, rule);
    const day = utcDay(ms);
    if (maxPerDay !== null && increment(perDay, `${rule}/${day}`) > maxPerDay) {
      increment(overDailyLimit, rule);
    } else {
      awards.push({ rule, points, occurredMs: ms, eventIndex: index });
    }

    if (rule === 'web_visit') {
      if (visitDays[visitDays.length - 1] !== day) visitDays.push(day);
      while (daysBetweenUtcDays(visitDays[0], day) >= windowDays) visitDays.shift(); // keep the window only
      if (visitDays.length >= minDistinctDays && (lastBonusDay === null || daysBetweenUtcDays(lastBonusDay, day) >= windowDays)) {
        lastBonusDay = day;
        increment(occurrences, 'repeated_visits');
        awards.push({ rule: 'repeated_visits', points: model.behaviour.rules.repeated_visits.points, occurredMs: ms, eventIndex: index });
      }
    }
  }
  return { awards, occurrences, overDailyLimit };
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
  for (const rule of BEHAVIOUR_RULES) {
    const count = awarded.occurrences.get(rule) ?? 0;
    if (count === 0) continue;
    const mine = awarded.awards.filter((a) => a.rule === rule);
    const raw = mine.reduce((sum, a) => sum + a.points, 0);
    const decayed = mine.reduce((sum, a) => sum + decayedPoints(a.points, a.occurredMs, nowMs, model.halfLifeDays), 0);
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
      detail: describe(rule, model, count, mine.length, awarded.overDailyLimit.get(rule) ?? 0, decayed, capped),
    });
  }
  return lines;
};
