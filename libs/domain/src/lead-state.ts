// A lead's current state, folded from its events: what the decider needs to judge a command.
import type { LeadEvent, ProfileChanges } from './events.js';
import type { Company, LeadProfile, LeadSource } from './lead-profile.js';
import type {
  DealOutcome, LeadStatus, LifecycleStage, LostReason, QualificationFramework,
} from './lifecycle.js';
import type { Money } from './money.js';
import type { ProductLine, QualificationCriterion } from './products.js';

/** The open opportunity of a lead in `sql`. */
export interface LeadOpportunity {
  readonly pipeline: string;
  readonly dealStage: string;
  readonly amount: Money;
  readonly expectedCloseDate: string; // YYYY-MM-DD
  readonly products: readonly ProductLine[];
  readonly framework: QualificationFramework;
  readonly criteria: Readonly<Record<string, QualificationCriterion>>;
}

/** The deal as it was closed (won or lost). */
export interface LeadDeal {
  readonly outcome: DealOutcome;
  readonly amount: Money | null;
  readonly products: readonly ProductLine[];
  readonly termMonths: number | null;
  readonly lostReason: LostReason | null;
  readonly pipeline: string;
  readonly dealStage: string;
  readonly closedAt: string;
}

export interface LeadCustomer {
  readonly csmId: string;
  readonly keyAccount: boolean;
  readonly onboardedAt: string;
}

export interface LeadStageEntry {
  readonly stage: LifecycleStage;
  readonly enteredAt: string;
}

export interface LeadState {
  readonly exists: boolean;
  readonly leadId: string | null;
  readonly profile: LeadProfile | null;
  readonly personalDataErased: boolean;
  /** First-touch attribution: the source of the capture, never overwritten. */
  readonly source: LeadSource | null;
  readonly stage: LifecycleStage | null; // null before capture
  readonly status: LeadStatus;
  readonly ownerId: string | null;
  readonly nurtureTrack: string | null;
  readonly opportunity: LeadOpportunity | null;
  readonly deal: LeadDeal | null;
  readonly customer: LeadCustomer | null;
  readonly stageBeforeDisqualification: LifecycleStage | null;
  readonly stageHistory: readonly LeadStageEntry[];
  readonly lastOccurredAt: string | null;
}

export const initialState: LeadState = {
  exists: false,
  leadId: null,
  profile: null,
  personalDataErased: false,
  source: null,
  stage: null,
  status: 'active',
  ownerId: null,
  nurtureTrack: null,
  opportunity: null,
  deal: null,
  customer: null,
  stageBeforeDisqualification: null,
  stageHistory: [],
  lastOccurredAt: null,
};

/**
 * What an erased profile's email becomes. The email is the lead's identity only through the
 * (one-way) lead id, so nothing downstream needs it once the person asked to be forgotten.
 */
export const ERASED_EMAIL = '[erased]';

/** Drops keys whose value is undefined, so stored profiles and events compare and serialise cleanly. */
export const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const applyProfileChanges = (profile: LeadProfile, changes: ProfileChanges): LeadProfile =>
  withoutUndefined({ ...profile, ...withoutUndefined(changes) });

const erase = (profile: LeadProfile | null): LeadProfile | null => {
  if (profile === null) return null;
  const kept: { email: string; decisionRole?: LeadProfile['decisionRole']; company?: Company } = {
    email: ERASED_EMAIL,
  };
  if (profile.decisionRole !== undefined) kept.decisionRole = profile.decisionRole;
  if (profile.company !== undefined) kept.company = profile.company;
  return kept;
};

/** Criteria notes are free text about the person (personal-data.ts): erased with the profile. */
const eraseNotes = (opportunity: LeadOpportunity | null): LeadOpportunity | null =>
  opportunity === null
    ? null
    : {
        ...opportunity,
        criteria: Object.fromEntries(Object.entries(opportunity.criteria).map(([letter, criterion]) =>
          // A letter the caller left out can be stored as undefined: kept as it is.
          [letter, criterion?.note === undefined ? criterion : { ...criterion, note: ERASED_EMAIL }])),
      };

/** Moves the lead to `stage`, appending to the stage history only when the stage really changes. */
const enter = (state: LeadState, stage: LifecycleStage, at: string): LeadState =>
  state.stage === stage
    ? state
    : { ...state, stage, stageHistory: [...state.stageHistory, { stage, enteredAt: at }] };

export const evolve = (current: LeadState, event: LeadEvent): LeadState => {
  const state: LeadState = { ...current, lastOccurredAt: event.data.occurredAt };
  const at = event.data.occurredAt;
  switch (event.type) {
    case 'LeadCaptured':
      return enter(
        {
          ...state,
          exists: true,
          leadId: event.data.leadId,
          profile: event.data.profile,
          source: state.source ?? event.data.source,
          status: 'active',
        },
        'lead',
        at,
      );
    case 'LeadDetailsUpdated':
      return {
        ...state,
        profile: applyProfileChanges(state.profile ?? { email: ERASED_EMAIL }, event.data.changes),
      };
    case 'EngagementRecorded':
      return state;
    case 'NurturingStarted':
      return enter({ ...state, nurtureTrack: event.data.track }, 'nurturing', at);
    case 'MarketingQualified':
      return enter(state, 'mql', at);
    case 'SalesAccepted':
      return enter({ ...state, ownerId: event.data.ownerId }, 'sal', at);
    case 'SalesRejected':
      // Back to marketing: nurturing leads are marketing's, so the rep's ownership ends here.
      return enter({ ...state, ownerId: null }, 'nurturing', at);
    case 'SalesQualified':
      return enter(
        {
          ...state,
          ownerId: event.data.ownerId,
          opportunity: {
            pipeline: event.data.pipeline,
            dealStage: event.data.dealStage,
            amount: event.data.amount,
            expectedCloseDate: event.data.expectedCloseDate,
            products: event.data.products,
            framework: event.data.framework,
            criteria: event.data.criteria,
          },
        },
        'sql',
        at,
      );
    case 'OpportunityStageChanged': {
      if (state.opportunity === null) return state;
      return {
        ...state,
        opportunity: {
          ...state.opportunity,
          dealStage: event.data.to,
          amount: event.data.amount ?? state.opportunity.amount,
          expectedCloseDate: event.data.expectedCloseDate ?? state.opportunity.expectedCloseDate,
        },
      };
    }
    case 'LeadRecycled':
      // Same reasoning as SalesRejected: a recycled lead is nurtured by marketing, unowned.
      return enter(
        { ...state, status: 'active', ownerId: null, opportunity: null, deal: null },
        'nurturing',
        at,
      );
    case 'DealClosed':
      return enter(
        {
          ...state,
          status: event.data.outcome,
          opportunity: null,
          deal: {
            outcome: event.data.outcome,
            amount: event.data.amount,
            products: event.data.products,
            termMonths: event.data.termMonths ?? null,
            lostReason: event.data.lostReason ?? null,
            pipeline: event.data.pipeline,
            dealStage: event.data.dealStage,
            closedAt: at,
          },
        },
        'closed',
        at,
      );
    case 'CustomerOnboarded':
      return enter(
        {
          ...state,
          customer: { csmId: event.data.csmId, keyAccount: event.data.keyAccount, onboardedAt: at },
        },
        'customer',
        at,
      );
    case 'KeyAccountChanged':
      return state.customer === null
        ? state
        : { ...state, customer: { ...state.customer, keyAccount: event.data.keyAccount } };
    case 'ExpansionRecorded':
      return state;
    case 'LeadDisqualified':
      return { ...state, status: 'disqualified', stageBeforeDisqualification: state.stage };
    case 'LeadReopened':
      return enter(
        { ...state, status: 'active', stageBeforeDisqualification: null },
        event.data.to,
        at,
      );
    case 'LeadOwnerChanged':
      return { ...state, ownerId: event.data.ownerId };
    case 'LeadPersonalDataErased':
      return { ...state, personalDataErased: true, profile: erase(state.profile), opportunity: eraseNotes(state.opportunity) };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};

/** Folds a stream of events into a lead's state. */
export const foldLead = (events: readonly LeadEvent[], from: LeadState = initialState): LeadState =>
  events.reduce(evolve, from);
