// What one lead event means for the funnel read models, derived from the lead's state before and
// after the domain's `evolve`: stage entries (with the exit of the previous stage), opportunities
// and their deal-stage path, closed deals, expansions. Pure; the projector writes the rows.
import { evolve, type LeadEvent, type LeadState, type LifecycleStage, type Money, type ProductLine } from '#domain';

export type FunnelFact =
  | { readonly kind: 'stage_entered'; readonly stage: LifecycleStage; readonly at: string; readonly track: string | null }
  | {
      readonly kind: 'opportunity_opened'; readonly pipeline: string; readonly dealStage: string; readonly at: string;
      readonly amount: Money; readonly expectedCloseDate: string; readonly ownerId: string;
    }
  | {
      readonly kind: 'deal_stage_moved'; readonly pipeline: string; readonly from: string; readonly to: string;
      readonly at: string; readonly amount: Money; readonly expectedCloseDate: string;
    }
  | { readonly kind: 'opportunity_ended'; readonly state: 'won' | 'lost' | 'recycled'; readonly at: string }
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

export const funnelStep = (before: LeadState, event: LeadEvent): FunnelStep => {
  const state = evolve(before, event);
  const at = event.data.occurredAt;
  const facts: FunnelFact[] = [];
  if (state.stageHistory.length > before.stageHistory.length) {
    const entry = state.stageHistory[state.stageHistory.length - 1];
    facts.push({ kind: 'stage_entered', stage: entry.stage, at: entry.enteredAt, track: state.nurtureTrack });
  }
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
