// Which fields of each lead event are personal data: stored encrypted with the lead's own key and
// unreadable for good once the person asks to be forgotten (crypto-shredding).
import type { LeadEventType } from './events.js';
import { ERASED_EMAIL } from './lead-state.js';

/** A path into an event's data; `*` stands for every key of an object (e.g. each criterion). */
export type DataPath = readonly string[];

/** What an erased field reads as: the same marker as an erased profile's email. */
export const ERASED_VALUE = ERASED_EMAIL;

const PROFILE: readonly DataPath[] = [['profile', 'email'], ['profile', 'firstName'], ['profile', 'lastName'], ['profile', 'title'], ['profile', 'phone']];
const CHANGES: readonly DataPath[] = [['changes', 'firstName'], ['changes', 'lastName'], ['changes', 'title'], ['changes', 'phone']];

/**
 * Names, email, title and phone identify the person. Free text people write about a lead (reasons,
 * feedback, notes) may quote or describe the person, so it is treated as personal too. Kept in the
 * clear, because they identify nobody and metrics and the decider need them: ids (lead, owner, csm,
 * campaign), stages, amounts, products, enumerated reasons (`lostReason`), company data (the
 * company is the customer, not the person), engagement URLs and asset ids, the nurture track,
 * onboarding priorities, pain points and milestones (about the account), and the reason of the
 * erasure itself (the auditor's record of why; written when the key is already being deleted).
 * The paths are those of each type's current schema version: a new version that moves a personal
 * field must keep the old path listed too, as old events are decrypted before they are upcast.
 */
export const PERSONAL_FIELDS: Readonly<Record<LeadEventType, readonly DataPath[]>> = {
  LeadCaptured: PROFILE,
  LeadDetailsUpdated: CHANGES,
  EngagementRecorded: [],
  NurturingStarted: [],
  MarketingQualified: [['reason']],
  SalesAccepted: [],
  SalesRejected: [['reason'], ['feedback']],
  SalesQualified: [['criteria', '*', 'note']],
  OpportunityStageChanged: [],
  LeadRecycled: [['reason']],
  DealClosed: [['lostReasonNote']],
  CustomerOnboarded: [],
  KeyAccountChanged: [],
  ExpansionRecorded: [],
  LeadDisqualified: [['reason']],
  LeadReopened: [['reason']],
  LeadOwnerChanged: [],
  LeadPersonalDataErased: [],
};

/** The personal fields of an event type; none for types outside a lead's stream. */
export const personalFieldsOf = (type: string): readonly DataPath[] =>
  Object.hasOwn(PERSONAL_FIELDS, type) ? PERSONAL_FIELDS[type as LeadEventType] : [];
