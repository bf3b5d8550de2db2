// What one lead event means for the funnel read models, derived from the lead's state before and
// after the domain's `evolve`: stage entries (with the exit of the previous stage), nurture-track
// changes inside a stay, opportunities and their deal-stage path, changes to the open pipeline,
// closed deals, expansions. Pure; the projector writes the rows.
import { evolve, type LeadEvent, type LeadState, type LifecycleStage, type Money, type ProductLine } from '#domain';

/**
 * One change to the open pipeline: an opportunity opened (+1 and its amount) or ended (−1), its
 * amount changed (0 and the difference), or it moved to another owner (−1 for the one, +1 for the other).
 */
export interface OpenPipelineChange {
  readonly currency: string;
  /** The lead's owner while the opportunity is open ('' for none). */
  readonly ownerId: string;
  readonly opened: -1 | 0 | 1;
  readonly value: number;
}

export type FunnelFact =
  | { readonly kind: 'stage_entered'; readonly stage: LifecycleStage; readonly at: string; readonly track: string | null }
  | { readonly kind: 'nurture_track_changed'; readonly track: string; readonly at: string }
  | { readonly kind: 'open_pipeline_changed'; readonly at: string; readonly changes: readonly OpenPipelineChange[] }
  | {
      readonly kind: 'opportunity_opened'; readonly pipeline: string; readonly dealStage: string; readonly at: string;
      readonly amount: Money; readonly expectedCloseDate: string; readonly ownerId: string;
    }
  | {
      readonly kind: 'deal_stage_moved'; readonly pipeline: string; readonly from: string; readonly to: string;
      readonly at: string; readonly amount: Money; readonly expectedCloseDate: string;
    }
  | { readonly kind: 'opportunity_ended'; readonly state: 'won' | 'lost' | 'recycled' | 'disqualified'; readonly at: string }
  /** A disqualified lead reopened with its opportunity: the same opportunity is open again. */
  | { readonly kind: 'opportunity_resumed'; readonly at: string }
  | {
      readonly kind: 'deal_closed'; readonly outcome: 'won' | 'lost'; readonly at: string; readonly amount: Money | null;
      readonly termMonths: number | null; readonly ownerId: string; readonly pipeline: string; readonly dealStage: string;
      readonly lostReason: string | null; readonly products: readonly ProductLine[];
    }
  | {
      readonly kind: 'expansion'; readonly expansionKind: string; readonly at: string; readonly products: readonly ProductLine[];
      readonly amount: Money; readonly keyAccount: boolean;
    };

export interface FunnelStep {
  readonly state: LeadState;
  readonly facts: readonly FunnelFact[];
}

/**
 * What the open pipeline holds of this lead: its open opportunity's currency, owner and amount. A
 * disqualified lead keeps its opportunity (for a reopening) but holds none of the pipeline meanwhile.
 */
const openSlice = (state: LeadState): OpenPipelineChange | null =>
  state.opportunity === null || state.status === 'disqualified'
    ? null
    : { currency: state.opportunity.amount.currency, ownerId: state.ownerId ?? '', opened: 1, value: state.opportunity.amount.value };

const negated = (slice: OpenPipelineChange): OpenPipelineChange => ({ ...slice, opened: -1, value: -slice.value });

const openPipelineChanges = (before: LeadState, after: LeadState): OpenPipelineChange[] => {
  const was = openSlice(before);
  const is = openSlice(after);
  if (was === null) return is === null ? [] : [is];
  if (is === null) return [negated(was)];
  if (was.currency === is.currency && was.ownerId === is.ownerId) {
    return was.value === is.value ? [] : [{ ...is, opened: 0, value: is.value - was.value }];
  }
  return [negated(was), is];
};

/**
 * When a change to an open opportunity takes effect: its event's time, but never before the
 * opportunity opened (its last entry into sql), so events whose occurred times disagree cannot
 * make a count negative for a while.
 */
const changedAt = (before: LeadState, at: string): string => {
  if (before.opportunity === null) return at;
  const opened = before.stageHistory.findLast((entry) => entry.stage === 'sql')?.enteredAt;
  return opened !== undefined && Date.parse(opened) > Date.parse(at) ? opened : at;
};

export const funnelStep = (before: LeadState, event: LeadEvent): FunnelStep => {
  const state = evolve(before, event);
  const at = event.data.occurredAt;
  const facts: FunnelFact[] = [];
  if (state.stageHistory.length > before.stageHistory.length) {
    const entry = state.stageHistory[state.stageHistory.length - 1];
    facts.push({ kind: 'stage_entered', stage: entry.stage, at: entry.enteredAt, track: state.nurtureTrack });
  } else if (event.type === 'NurturingStarted' && state.nurtureTrack !== null && state.nurtureTrack !== before.nurtureTrack) {
    // Already nurturing: the lead moved onto another track without entering a stage.
    facts.push({ kind: 'nurture_track_changed', track: state.nurtureTrack, at });
  }
  const changes = openPipelineChanges(before, state);
  if (changes.length > 0) facts.push({ kind: 'open_pipeline_changed', at: changedAt(before, at), changes });
  switch (event.type) {
    case 'SalesQualified':
      facts.push({
        kind: 'opportunity_opened', pipeline: event.data.pipeline, dealStage: event.data.dealStage, at,
        amount: event.data.amount, expectedCloseDate: event.data.expectedCloseDate, ownerId: event.data.ownerId,
      });
      break;
    case 'OpportunityStageChanged':
      if (state.opportunity !== null) {
        facts.push({
          kind: 'deal_stage_moved', pipeline: event.data.pipeline, from: event.data.from, to: event.data.to, at,
          amount: state.opportunity.amount, expectedCloseDate: state.opportunity.expectedCloseDate,
        });
      }
      break;
    case 'DealClosed':
      if (before.opportunity !== null) facts.push({ kind: 'opportunity_ended', state: event.data.outcome, at });
      facts.push({
        kind: 'deal_closed', outcome: event.data.outcome, at, amount: event.data.amount, termMonths: event.data.termMonths ?? null,
        ownerId: event.data.ownerId, pipeline: event.data.pipeline, dealStage: event.data.dealStage,
        lostReason: event.data.lostReason ?? null, products: event.data.products,
      });
      break;
    case 'LeadRecycled':
      if (before.opportunity !== null) facts.push({ kind: 'opportunity_ended', state: 'recycled', at });
      break;
    case 'LeadDisqualified':
      if (before.opportunity !== null) facts.push({ kind: 'opportunity_ended', state: 'disqualified', at });
      break;
    case 'LeadReopened':
      if (state.opportunity !== null) facts.push({ kind: 'opportunity_resumed', at });
      break;
    case 'ExpansionRecorded':
      facts.push({
        kind: 'expansion', expansionKind: event.data.kind, at, products: event.data.products, amount: event.data.amount,
        keyAccount: state.customer?.keyAccount ?? false,
      });
      break;
    default:
      break;
  }
  return { state, facts };
};
