// The scoring side of the lead view: the facts a score is computed from, kept per lead, and what
// one more fact changes (the score history entry, the owner's buying signal).
import {
  buyingSignalAfter, historyEntryOf, leadScoringStateOf, scoreNextEvent, type BuyingSignal, type LeadEvent, type LeadScore,
  type LeadScoringState, type LeadState, type ScoreHistoryEntry, type ScoringModel,
} from '#domain';
import type { StoredScore } from './lead-view.js';

export const SCORING_FACT_TYPES = ['LeadCaptured', 'LeadDetailsUpdated', 'EngagementRecorded', 'LeadPersonalDataErased'] as const;

export const isScoringFact = (event: LeadEvent): boolean => (SCORING_FACT_TYPES as readonly string[]).includes(event.type);

export interface ScoringFact {
  readonly revision: number;
  readonly event: LeadEvent;
}

/** A lead's scoring facts with the domain's scoring state after them, to score the next fact against. */
export interface ScoredFacts {
  readonly facts: readonly ScoringFact[];
  readonly scoring: LeadScoringState;
}

export const scoredFactsOf = (facts: readonly ScoringFact[], model: ScoringModel): ScoredFacts =>
  ({ facts, scoring: leadScoringStateOf(facts.map((fact) => fact.event), model) });

export interface ScoringStep extends ScoredFacts {
  readonly history: ScoreHistoryEntry | null;
  readonly score: StoredScore;
  readonly signal: BuyingSignal | null;
}

/** An owner hears about signals of the leads they work: accepted or qualified ones (DOMAIN.md). */
const ownerHearsSignals = (state: LeadState): state is LeadState & { ownerId: string } =>
  state.ownerId !== null && (state.stage === 'sal' || state.stage === 'sql') && state.status === 'active';

export const storedScore = (score: LeadScore): StoredScore => ({
  total: score.total,
  fit: score.fit,
  behaviour: score.behaviour,
  // in tenths, as the domain sums points, so no float noise shows
  ceiling: score.breakdown.reduce((tenths, line) => (line.category === 'fit' || line.points > 0 ? tenths + Math.round(line.points * 10) : tenths), 0) / 10,
  modelVersion: score.modelVersion,
  at: score.at,
});

/**
 * The person asked to be forgotten: stored facts keep only what the score may still use (decision
 * role, company), exactly what the domain's scoring keeps after an erasure.
 */
const redact = (event: LeadEvent): LeadEvent => {
  if (event.type === 'LeadCaptured') {
    const { decisionRole, company } = event.data.profile;
    const profile = { email: '[erased]', ...(decisionRole && { decisionRole }), ...(company && { company }) };
    return { ...event, data: { ...event.data, profile } };
  }
  if (event.type === 'LeadDetailsUpdated') {
    const { decisionRole, company } = event.data.changes;
    return { ...event, data: { ...event.data, changes: { ...(decisionRole && { decisionRole }), ...(company && { company }) } } };
  }
  return event;
};

/**
 * One scoring fact appended to a lead's facts: `state` is the lead right after the event (for the
 * signal's owner). Pure: the same facts, event and model always give the same step.
 */
export const scoreStep = (
  lead: ScoredFacts, event: LeadEvent, revision: number, state: LeadState, model: ScoringModel,
): ScoringStep => {
  const { scoring, state: scoringState } = scoreNextEvent(lead.scoring, event, model);
  const history = historyEntryOf(lead.facts.length, event, scoring, model);
  const signal = ownerHearsSignals(state)
    ? buyingSignalAfter(event, { before: lead.scoring, after: scoringState }, () => lead.facts.map((fact) => fact.event), model, scoring)
    : null;
  const appended = [...lead.facts, { revision, event }];
  return {
    // the scoring state after an erasure holds no personal data either: fit is rescored on what is left
    facts: event.type === 'LeadPersonalDataErased' ? appended.map((fact) => ({ ...fact, event: redact(fact.event) })) : appended,
    scoring: scoringState,
    history,
    score: storedScore(scoring.after),
    signal,
  };
};
