// The facts. Every lead event carries `occurredAt` (ISO 8601): time comes in with the command,
// never from a clock, and the lead's stage history is built from it.
import type { Company, Engagement, LeadProfile, LeadSource } from './lead-profile.js';
import type {
  DealOutcome, DecisionRole, ExpansionKind, LifecycleStage, LostReason, QualificationBasis,
  QualificationFramework,
} from './lifecycle.js';
import type { Money } from './money.js';
import type { ProductLine, QualificationCriterion } from './products.js';

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data };
type LeadFact<Extra> = Readonly<{ leadId: string; occurredAt: string } & Extra>;

/** Personal and descriptive fields that a `LeadDetailsUpdated` may change (email is the identity). */
export type ProfileChanges = Omit<LeadProfile, 'email'>;

export type LeadCaptured = Event<'LeadCaptured', LeadFact<{ profile: LeadProfile; source: LeadSource }>>;
export type LeadDetailsUpdated = Event<'LeadDetailsUpdated', LeadFact<{ changes: ProfileChanges }>>;
export type EngagementRecorded = Event<'EngagementRecorded', LeadFact<{ engagement: Engagement }>>;
export type NurturingStarted = Event<'NurturingStarted', LeadFact<{ track: string; from: LifecycleStage }>>;
export type MarketingQualified = Event<
  'MarketingQualified',
  LeadFact<{ basis: QualificationBasis; reason: string; score?: number; from: LifecycleStage }>
>;
export type SalesAccepted = Event<
  'SalesAccepted',
  LeadFact<{ ownerId: string; from: LifecycleStage; onBehalfOfOwner: boolean }>
>;
export type SalesRejected = Event<'SalesRejected', LeadFact<{ reason: string; feedback: string; ownerId: string | null }>>;
export type SalesQualified = Event<
  'SalesQualified',
  LeadFact<{
    ownerId: string;
    from: LifecycleStage;
    framework: QualificationFramework;
    criteria: Readonly<Record<string, QualificationCriterion>>;
    amount: Money;
    expectedCloseDate: string; // YYYY-MM-DD
    products: readonly ProductLine[];
    pipeline: string;
    dealStage: string; // the pipeline's first stage
  }>
>;
export type OpportunityStageChanged = Event<
  'OpportunityStageChanged',
  LeadFact<{ pipeline: string; from: string; to: string; amount?: Money; expectedCloseDate?: string }>
>;
export type LeadRecycled = Event<'LeadRecycled', LeadFact<{ reason: string; from: LifecycleStage }>>;
export type DealClosed = Event<
  'DealClosed',
  LeadFact<{
    outcome: DealOutcome;
    ownerId: string;
    amount: Money | null; // the won amount; for a loss, the opportunity amount that was lost
    products: readonly ProductLine[];
    termMonths?: number;
    lostReason?: LostReason;
    lostReasonNote?: string;
    pipeline: string;
    dealStage: string; // the deal stage the opportunity was in when it closed
  }>
>;
export type CustomerOnboarded = Event<
  'CustomerOnboarded',
  LeadFact<{
    csmId: string;
    priorities: readonly string[];
    painPoints: readonly string[];
    milestones: readonly string[];
    keyAccount: boolean;
  }>
>;
export type KeyAccountChanged = Event<'KeyAccountChanged', LeadFact<{ keyAccount: boolean }>>;
export type ExpansionRecorded = Event<
  'ExpansionRecorded',
  LeadFact<{ kind: ExpansionKind; products: readonly ProductLine[]; amount: Money }> // amount: the revenue delta (negative for a downgrade)
>;
export type LeadDisqualified = Event<'LeadDisqualified', LeadFact<{ reason: string; from: LifecycleStage }>>;
export type LeadReopened = Event<'LeadReopened', LeadFact<{ reason: string; to: LifecycleStage }>>;
export type LeadOwnerChanged = Event<'LeadOwnerChanged', LeadFact<{ ownerId: string; previousOwnerId: string | null }>>;
export type LeadPersonalDataErased = Event<'LeadPersonalDataErased', LeadFact<{ reason: string }>>;

export type LeadEvent =
  | LeadCaptured
  | LeadDetailsUpdated
  | EngagementRecorded
  | NurturingStarted
  | MarketingQualified
  | SalesAccepted
  | SalesRejected
  | SalesQualified
  | OpportunityStageChanged
  | LeadRecycled
  | DealClosed
  | CustomerOnboarded
  | KeyAccountChanged
  | ExpansionRecorded
  | LeadDisqualified
  | LeadReopened
  | LeadOwnerChanged
  | LeadPersonalDataErased;

export type LeadEventType = LeadEvent['type'];

export const LEAD_EVENT_TYPES: readonly LeadEventType[] = [
  'LeadCaptured', 'LeadDetailsUpdated', 'EngagementRecorded', 'NurturingStarted', 'MarketingQualified',
  'SalesAccepted', 'SalesRejected', 'SalesQualified', 'OpportunityStageChanged', 'LeadRecycled',
  'DealClosed', 'CustomerOnboarded', 'KeyAccountChanged', 'ExpansionRecorded', 'LeadDisqualified',
  'LeadReopened', 'LeadOwnerChanged', 'LeadPersonalDataErased',
];

// Facts outside a lead's stream.

/** A period is a calendar month `2026-11`, quarter `2026-Q4` or year `2026`. */
export type SalesTargetSet = Event<
  'SalesTargetSet',
  Readonly<{ period: string; ownerId: string | null; amount: Money; occurredAt: string }>
>;
export type CampaignCostRecorded = Event<
  'CampaignCostRecorded',
  Readonly<{ campaignId: string; period: string; amount: Money; occurredAt: string }>
>;
export type PlanningEvent = SalesTargetSet | CampaignCostRecorded;

export type DomainEvent = LeadEvent | PlanningEvent;

/**
 * Schema version of each event type's data as written today. Bump when a shape changes and add an
 * upcaster for the old version, so stored history is never rewritten.
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<DomainEvent['type'], number>> = {
  LeadCaptured: 1, LeadDetailsUpdated: 1, EngagementRecorded: 1, NurturingStarted: 1,
  MarketingQualified: 1, SalesAccepted: 1, SalesRejected: 1, SalesQualified: 1,
  OpportunityStageChanged: 1, LeadRecycled: 1, DealClosed: 1, CustomerOnboarded: 1,
  KeyAccountChanged: 1, ExpansionRecorded: 1, LeadDisqualified: 1, LeadReopened: 1,
  LeadOwnerChanged: 1, LeadPersonalDataErased: 1, SalesTargetSet: 1, CampaignCostRecorded: 1,
};

export const isLeadEventType = (type: string): type is LeadEventType =>
  (LEAD_EVENT_TYPES as readonly string[]).includes(type);
