// The lead as every read route shows it (API.md "Shapes": id, email, stage, status, ownerId, source,
// score, revision, stageHistory, and more). The score is computed for "now" from the lead's facts:
// with decay, a score frozen at the last event would be wrong the day after.
import { scoreLead, type LeadEvent, type LeadScore, type ScoringModel } from '#domain';
import { emailOf, type LeadView } from '#read-models';

export const presentLead = (view: LeadView, score: LeadScore | null) => {
  const { state } = view;
  const profile = state.personalDataErased ? null : state.profile;
  return {
    id: view.leadId,
    email: emailOf(view),
    firstName: profile?.firstName ?? null,
    lastName: profile?.lastName ?? null,
    title: profile?.title ?? null,
    decisionRole: state.profile?.decisionRole ?? null,
    company: state.profile?.company ?? null,
    personalDataErased: state.personalDataErased,
    stage: state.stage,
    status: state.status,
    ownerId: state.ownerId,
    source: state.source,
    nurtureTrack: state.nurtureTrack,
    score: score?.total ?? null,
    scoreParts: score === null ? null : { fit: score.fit, behaviour: score.behaviour, modelVersion: score.modelVersion, at: score.at },
    opportunity: state.opportunity,
    deal: state.deal,
    customer: state.customer,
    products: view.products,
    stageHistory: state.stageHistory.map(({ stage, enteredAt }) => ({ stage, enteredAt })),
    revision: view.revision,
    position: view.position,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  };
};

export type LeadResource = ReturnType<typeof presentLead>;

/** A lead that was never scored (no facts yet) has no score rather than a made-up zero. */
export const scoreNow = (facts: readonly LeadEvent[], now: string, model: ScoringModel): LeadScore | null =>
  facts.length === 0 ? null : scoreLead(facts, now, model);
