// The lead view: a lead's current state as every query serves it, folded from its events by the
// domain's own `evolve`, plus what the decider does not need (products, revision, position, times).
import {
  evolve, initialState, type ExpansionKind, type LeadEvent, type LeadState, type ProductLine,
} from '#domain';

export type ProductOrigin = 'opportunity' | 'deal' | ExpansionKind;

export interface LeadProduct extends ProductLine {
  readonly origin: ProductOrigin;
}

/** The score as the lead's last scoring event left it; the served score is recomputed for "now". */
export interface StoredScore {
  readonly total: number;
  readonly fit: number;
  readonly behaviour: number;
  /** No later "now" scores higher (positive behaviour only decays): the list's `minScore` pre-filter. */
  readonly ceiling: number;
  readonly modelVersion: string;
  readonly at: string;
}

export interface LeadView {
  readonly leadId: string;
  readonly state: LeadState;
  readonly products: readonly LeadProduct[];
  readonly score: StoredScore | null;
  readonly revision: number;
  readonly position: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface EventPlace {
  readonly revision: number;
  readonly position: string;
}

const withOrigin = (lines: readonly ProductLine[], origin: ProductOrigin): LeadProduct[] =>
  lines.map((line) => ({ ...line, origin }));

const nextProducts = (products: readonly LeadProduct[], event: LeadEvent): readonly LeadProduct[] => {
  switch (event.type) {
    case 'SalesQualified':
      return withOrigin(event.data.products, 'opportunity');
    case 'DealClosed':
      return withOrigin(event.data.products, 'deal');
    case 'ExpansionRecorded':
      return [...products, ...withOrigin(event.data.products, event.data.kind)];
    case 'LeadRecycled':
      return [];
    default:
      return products;
  }
};

/**
 * Applies one event of the lead's stream. Idempotent: an event at or below the view's revision was
 * applied already and changes nothing (so a replayed event can never count twice).
 */
export const evolveLeadView = (view: LeadView | null, event: LeadEvent, place: EventPlace): LeadView => {
  if (view !== null && place.revision <= view.revision) return view;
  const state = evolve(view?.state ?? initialState, event);
  return {
    leadId: event.data.leadId,
    state,
    products: nextProducts(view?.products ?? [], event),
    score: view?.score ?? null,
    revision: place.revision,
    position: place.position,
    createdAt: view?.createdAt ?? event.data.occurredAt,
    updatedAt: event.data.occurredAt,
  };
};

/** What API.md fixes: `email` is null once the person's data is erased. */
export const emailOf = (view: LeadView): string | null =>
  view.state.personalDataErased ? null : (view.state.profile?.email ?? null);
