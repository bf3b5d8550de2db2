// A lead's score at "now": fit + behaviour, with the rule-by-rule breakdown that explains it.
import type { LeadEvent } from '../events.js';
import { behaviourAwards, behaviourLines } from './behaviour-rules.js';
import { fitLines } from './fit-rules.js';
import { instantMs } from './instants.js';
import { latestProfile } from './latest-profile.js';
import type { ScoreLine } from './score-line.js';
import { sumPoints } from './score-line.js';
import type { ScoringModel } from './scoring-model.js';
import { DEFAULT_SCORING_MODEL } from './scoring-model.js';

export interface LeadScore {
  readonly modelVersion: string;
  /** The "now" the score was computed for. */
  readonly at: string;
  /** fit + behaviour; not clamped (a competitor can be far below zero). */
  readonly total: number;
  readonly fit: number;
  readonly behaviour: number;
  /** Fit lines first, then behaviour lines; `points` add up exactly to `total`. */
  readonly breakdown: readonly ScoreLine[];
}

/**
 * The score of one lead's events at `now` (ISO 8601), under `model`. Pure: the same events, now and
 * model always give the same score. Events that occurred after `now` are ignored, so a score "as of"
 * a past moment is `scoreLead(allEvents, asOf)`. Behaviour decays from each event's `occurredAt`.
 */
export const scoreLead = (
  events: readonly LeadEvent[],
  now: string,
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): LeadScore => {
  const nowMs = instantMs(now, 'now');
  return scoreOfLines(fitLines(latestProfile(events, nowMs), model), behaviourLines(behaviourAwards(events, nowMs, model), nowMs, model), now, model);
};

/** The score made of a lead's fit lines and its behaviour lines at `now`. */
export const scoreOfLines = (fit: readonly ScoreLine[], behaviour: readonly ScoreLine[], now: string, model: ScoringModel): LeadScore => {
  const fitPoints = sumPoints(fit.map((l) => l.points));
  const behaviourPoints = sumPoints(behaviour.map((l) => l.points));
  return {
    modelVersion: model.version,
    at: now,
    total: sumPoints([fitPoints, behaviourPoints]),
    fit: fitPoints,
    behaviour: behaviourPoints,
    breakdown: [...fit, ...behaviour],
  };
};
