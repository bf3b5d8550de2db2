// Threshold helpers for the process managers (auto-MQL, auto-accept).
import type { LeadScore } from './score-lead.js';
import type { ScoringModel } from './scoring-model.js';
import { DEFAULT_SCORING_MODEL } from './scoring-model.js';

const totalOf = (score: number | LeadScore): number => (typeof score === 'number' ? score : score.total);

/** The score went from below `threshold` to at or above it ("score ≥ threshold" qualifies). */
export const crossedThreshold = (before: number, after: number, threshold: number): boolean =>
  before < threshold && after >= threshold;

export const qualifiesForMql = (score: number | LeadScore, model: ScoringModel = DEFAULT_SCORING_MODEL): boolean =>
  totalOf(score) >= model.thresholds.mql;

/** Score alone; the process manager also needs a routing rule that yields an owner. */
export const qualifiesForAutoAccept = (score: number | LeadScore, model: ScoringModel = DEFAULT_SCORING_MODEL): boolean =>
  totalOf(score) >= model.thresholds.autoAccept;

export type ScoringThreshold = keyof ScoringModel['thresholds'];

/**
 * The thresholds a move from `before` to `after` crossed upwards, e.g. from a `ScoreHistoryEntry`
 * (`entry.before`, `entry.score`). Stage checks (only `lead`/`nurturing` go to `mql`, only `mql`
 * to `sal`) are the caller's: the score knows nothing of stages.
 */
export const thresholdsCrossed = (
  before: number,
  after: number,
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): ScoringThreshold[] =>
  (['mql', 'autoAccept'] as const).filter((t) => crossedThreshold(before, after, model.thresholds[t]));
