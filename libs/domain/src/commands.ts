// What people and systems ask of a lead. `metadata.now` is when the command happens (from the
// caller or the source): the decider stamps it on the events as `occurredAt`.
import type { ProfileChanges } from './events.js';
import type { Engagement, LeadProfile, LeadSource } from './lead-profile.js';
import type {
  DealOutcome, ExpansionKind, LostReason, QualificationBasis, QualificationFramework,
} from './lifecycle.js';
import type { Money } from './money.js';
import type { Pipeline } from './pipelines.js';
import type { ProductLine, QualificationCriterion } from './products.js';

export interface CommandMetadata {
  readonly now: string; // ISO 8601
}

type Command<Type extends string, Data> = {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata: CommandMetadata;
};

/** Captures a new lead; for a known email it records what changed (one person, one lead). */
export type CaptureLead = Command<'CaptureLead', { leadId: string; profile: LeadProfile; source: LeadSource }>;
/** Marketing saw new details; an unknown email is captured first with source `direct`. */
export type UpdateLeadDetails = Command<'UpdateLeadDetails', { leadId: string; profile: LeadProfile }>;
/** Marketing saw an engagement; an unknown email is captured first (source given, else `direct`). */
export type RecordEngagement = Command<
  'RecordEngagement',
  { leadId: string; profile: LeadProfile; source?: LeadSource; engagement: Engagement }
>;
export type StartNurturing = Command<'StartNurturing', { leadId: string; track: string }>;
export type QualifyMarketing = Command<
  'QualifyMarketing',
  { leadId: string; basis: QualificationBasis; reason: string; score?: number }
>;
/** `onBehalfOfOwner`: a workflow accepted for the rep (auto-accept), not the rep. */
export type AcceptLead = Command<'AcceptLead', { leadId: string; ownerId: string; onBehalfOfOwner?: boolean }>;
export type RejectLead = Command<'RejectLead', { leadId: string; reason: string; feedback: string }>;
export type QualifySales = Command<
  'QualifySales',
  {
    leadId: string;
    ownerId?: string; // defaults to the lead's owner
    framework: QualificationFramework;
    criteria: Readonly<Record<string, QualificationCriterion>>;
    amount: Money;
    expectedCloseDate: string;
    products: readonly ProductLine[];
    pipeline: Pipeline; // resolved by the caller from configuration
  }
>;
export type ChangeOpportunityStage = Command<
  'ChangeOpportunityStage',
  { leadId: string; stage: string; amount?: Money; expectedCloseDate?: string; pipeline: Pipeline }
>;
export type CloseDeal = Command<
  'CloseDeal',
  {
    leadId: string;
    outcome: DealOutcome;
    amount?: Money; // won: defaults to the opportunity amount
    products?: readonly ProductLine[]; // won: defaults to the opportunity's products
    termMonths?: number;
    lostReason?: LostReason;
    lostReasonNote?: string;
  }
>;
export type OnboardCustomer = Command<
  'OnboardCustomer',
  {
    leadId: string;
    csmId: string;
    priorities: readonly string[];
    painPoints: readonly string[];
    milestones: readonly string[];
    keyAccount?: boolean;
  }
>;
export type SetKeyAccount = Command<'SetKeyAccount', { leadId: string; keyAccount: boolean }>;
export type RecordExpansion = Command<
  'RecordExpansion',
  { leadId: string; kind: ExpansionKind; products: readonly ProductLine[]; amount: Money }
>;
export type RecycleLead = Command<'RecycleLead', { leadId: string; reason: string }>;
export type DisqualifyLead = Command<'DisqualifyLead', { leadId: string; reason: string }>;
export type ReopenLead = Command<'ReopenLead', { leadId: string; reason: string }>;
export type ChangeOwner = Command<'ChangeOwner', { leadId: string; ownerId: string }>;
export type ErasePersonalData = Command<'ErasePersonalData', { leadId: string; reason: string }>;

export type LeadCommand =
  | CaptureLead
  | UpdateLeadDetails
  | RecordEngagement
  | StartNurturing
  | QualifyMarketing
  | AcceptLead
  | RejectLead
  | QualifySales
  | ChangeOpportunityStage
  | CloseDeal
  | OnboardCustomer
  | SetKeyAccount
  | RecordExpansion
  | RecycleLead
  | DisqualifyLead
  | ReopenLead
  | ChangeOwner
  | ErasePersonalData;

export type LeadCommandType = LeadCommand['type'];

// Planning commands (outside lead streams).
export type SetSalesTarget = Command<'SetSalesTarget', { period: string; ownerId: string | null; amount: Money }>;
export type RecordCampaignCost = Command<'RecordCampaignCost', { campaignId: string; period: string; amount: Money }>;
