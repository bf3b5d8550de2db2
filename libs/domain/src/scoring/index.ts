// Lead scoring: a pure function of a lead's events, "now" and a versioned model. The public API;
// rule internals (fit-rules, behaviour-rules, latest-profile) stay importable by path for tests.
export {
  BEHAVIOUR_RULES, DEFAULT_SCORING_MODEL, FIT_RULES, InvalidScoringModelError, scoringModel, validateScoringModel,
} from './scoring-model.js';
export type {
  BehaviourModel, BehaviourRule, BehaviourRulePoints, CompanySizeBand, FitModel, FitRule, ScoreRule, ScoringModel,
  ScoringModelOverrides, ScoringThresholds, SeniorityLevel,
} from './scoring-model.js';
export type { ScoreCategory, ScoreLine } from './score-line.js';
export { decayFactor } from './decay.js';
export { scoreLead } from './score-lead.js';
export type { LeadScore } from './score-lead.js';
export { historyEntryOf, scoreAroundEvent, scoreChange, scoreHistory } from './score-history.js';
export type { EventScoring, RuleChange, ScoreHistoryEntry } from './score-history.js';
export { crossedThreshold, qualifiesForAutoAccept, qualifiesForMql, thresholdsCrossed } from './thresholds.js';
export type { ScoringThreshold } from './thresholds.js';
export { BUYING_SIGNAL_KINDS, buyingSignalAfter, buyingSignalOf, isSignalFresh } from './buying-signals.js';
export type { BuyingSignal, BuyingSignalKind } from './buying-signals.js';
export { foldLeadScoringState, initialLeadScoringState, leadScoringStateAfter, leadScoringStateOf, scoreNextEvent } from './lead-scoring-state.js';
export type { LeadScoringState } from './lead-scoring-state.js';
