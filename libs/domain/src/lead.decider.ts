// The lead decider: which events a command produces in a lead's current state, or why it is refused.
import type {
  AcceptLead, ChangeOpportunityStage, CloseDeal, LeadCommand, QualifySales, RecordEngagement,
} from './commands.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import type { LeadCaptured, LeadEvent, ProfileChanges } from './events.js';
import type { Company, LeadProfile, LeadSource } from './lead-profile.js';
import { normaliseEmail } from './lead-profile.js';
import { type LeadState, withoutUndefined } from './lead-state.js';
import { type LifecycleStage, QUALIFICATION_FRAMEWORKS } from './lifecycle.js';
import { findDealStage } from './pipelines.js';

export type DecideResult = readonly LeadEvent[] | DomainError;

const DIRECT: LeadSource = { channel: 'direct' };

/** Stages in which a lead is still before the sale and can be disqualified. */
const OPEN_STAGES: readonly LifecycleStage[] = ['lead', 'nurturing', 'mql', 'sal', 'sql'];
const YYYY_MM_DD = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const refuse = (command: LeadCommand, state: LeadState, code: DomainErrorCode, why: string): DomainError =>
  new DomainError(
    code,
    `${command.type} refused for a lead in stage ${state.stage ?? 'none'} (status ${state.status}): ${why}`,
    command.type,
    state.stage,
    state.status,
  );

const notInStage = (command: LeadCommand, state: LeadState, allowed: string): DomainError =>
  refuse(command, state, 'invalid_transition', `only allowed ${allowed}`);

/** Base of every event: the lead and the time the command happened. */
const fact = (command: LeadCommand) => ({
  leadId: command.data.leadId,
  occurredAt: command.metadata.now,
});

const normaliseProfile = (profile: LeadProfile): LeadProfile =>
  withoutUndefined({
    ...profile,
    email: normaliseEmail(profile.email),
    ...(profile.company === undefined ? {} : { company: withoutUndefined(profile.company) }),
  });

const captured = (command: LeadCommand, profile: LeadProfile, source: LeadSource): LeadCaptured => ({
  type: 'LeadCaptured',
  data: { ...fact(command), profile: normaliseProfile(profile), source },
});

const sameCompany = (a: Company | undefined, b: Company | undefined): boolean =>
  a?.name === b?.name &&
  a?.domain === b?.domain &&
  a?.industry === b?.industry &&
  a?.employees === b?.employees &&
  a?.country === b?.country;

/**
 * The fields of `incoming` that differ from `current`. A missing field means "not sent", never
 * "clear it" (marketing tools send partial payloads); company fields merge the same way. Once the
 * person's data is erased, personal fields are ignored: a re-sent capture must not bring them back.
 */
export const profileChanges = (
  current: LeadProfile | null,
  incoming: LeadProfile,
  personalDataErased: boolean,
): ProfileChanges => {
  const changes: {
    -readonly [K in keyof ProfileChanges]: ProfileChanges[K];
  } = {};
  if (!personalDataErased) {
    for (const key of ['firstName', 'lastName', 'title', 'phone'] as const) {
      const value = incoming[key];
      if (value !== undefined && value !== current?.[key]) changes[key] = value;
    }
  }
  if (incoming.decisionRole !== undefined && incoming.decisionRole !== current?.decisionRole) {
    changes.decisionRole = incoming.decisionRole;
  }
  if (incoming.company !== undefined) {
    const merged = withoutUndefined({ ...current?.company, ...withoutUndefined(incoming.company) });
    if (!sameCompany(merged, current?.company)) changes.company = merged;
  }
  return changes;
};

const detailsUpdated = (command: LeadCommand, state: LeadState, profile: LeadProfile): DecideResult => {
  const changes = profileChanges(state.profile, profile, state.personalDataErased);
  return Object.keys(changes).length === 0
    ? []
    : [{ type: 'LeadDetailsUpdated', data: { ...fact(command), changes } }];
};

const engagementRecorded = (command: RecordEngagement): LeadEvent => ({
  type: 'EngagementRecorded',
  data: { ...fact(command), engagement: command.data.engagement },
});

/** The commands of an unknown lead: marketing facts capture it first, anything else is not found. */
const decideUnknown = (command: LeadCommand, state: LeadState): DecideResult => {
  switch (command.type) {
    case 'CaptureLead':
      return [captured(command, command.data.profile, command.data.source)];
    case 'UpdateLeadDetails':
      return [captured(command, command.data.profile, DIRECT)];
    case 'RecordEngagement':
      return [captured(command, command.data.profile, command.data.source ?? DIRECT), engagementRecorded(command)];
    default:
      return refuse(command, state, 'lead_not_found', `no lead ${command.data.leadId} has been captured`);
  }
};

/** Commands a disqualified lead still takes: marketing facts, reopening and erasure. */
const ALLOWED_WHEN_DISQUALIFIED: ReadonlySet<LeadCommand['type']> = new Set([
  'CaptureLead', 'UpdateLeadDetails', 'RecordEngagement', 'ReopenLead', 'ErasePersonalData',
] as const);

const isValidCloseDate = (date: string): boolean => YYYY_MM_DD.test(date);

const decideAccept = (command: AcceptLead, state: LeadState, stage: LifecycleStage): DecideResult => {
  if (stage !== 'lead' && stage !== 'nurturing' && stage !== 'mql') {
    return notInStage(command, state, 'from lead, nurturing or mql');
  }
  return [{
    type: 'SalesAccepted',
    data: {
      ...fact(command),
      ownerId: command.data.ownerId,
      from: stage,
      onBehalfOfOwner: command.data.onBehalfOfOwner === true,
    },
  }];
};

const decideQualifySales = (command: QualifySales, state: LeadState, stage: LifecycleStage): DecideResult => {
  if (stage !== 'lead' && stage !== 'nurturing' && stage !== 'mql' && stage !== 'sal') {
    return notInStage(command, state, 'from lead, nurturing, mql or sal');
  }
  const { data } = command;
  const ownerId = data.ownerId ?? state.ownerId;
  if (ownerId === null) return refuse(command, state, 'owner_required', 'a sales-qualified lead needs an owner');
  const missing = QUALIFICATION_FRAMEWORKS[data.framework].filter((letter) => data.criteria[letter] === undefined);
  if (missing.length > 0) {
    return refuse(command, state, 'criteria_incomplete', `${data.framework} criteria missing: ${missing.join(', ')}`);
  }
  if (!(data.amount.value > 0)) {
    return refuse(command, state, 'amount_required', 'the opportunity amount must be greater than zero');
  }
  if (!isValidCloseDate(data.expectedCloseDate)) {
    return refuse(command, state, 'invalid_close_date', `expected close date must be YYYY-MM-DD, got "${data.expectedCloseDate}"`);
  }
  const firstStage = data.pipeline.stages[0];
  if (firstStage === undefined) {
    return refuse(command, state, 'unknown_deal_stage', `pipeline ${data.pipeline.id} has no deal stages`);
  }
  return [{
    type: 'SalesQualified',
    data: {
      ...fact(command),
      ownerId,
      from: stage,
      framework: data.framework,
      criteria: data.criteria,
      amount: data.amount,
      expectedCloseDate: data.expectedCloseDate,
      products: data.products,
      pipeline: data.pipeline.id,
      dealStage: firstStage.name,
    },
  }];
};

const decideChangeDealStage = (command: ChangeOpportunityStage, state: LeadState): DecideResult => {
  const opportunity = state.opportunity;
  if (state.stage !== 'sql' || opportunity === null) return notInStage(command, state, 'in sql');
  const { data } = command;
  if (data.pipeline.id !== opportunity.pipeline) {
    return refuse(command, state, 'pipeline_mismatch', `the opportunity is in pipeline ${opportunity.pipeline}, not ${data.pipeline.id}`);
  }
  if (findDealStage(data.pipeline, data.stage) === undefined) {
    return refuse(command, state, 'unknown_deal_stage', `pipeline ${data.pipeline.id} has no deal stage ${data.stage}`);
  }
  if (data.stage === opportunity.dealStage) {
    return refuse(command, state, 'already_in_deal_stage', `the opportunity is already in deal stage ${data.stage}`);
  }
  if (data.amount !== undefined) {
    if (data.amount.currency !== opportunity.amount.currency) {
      return refuse(command, state, 'currency_mismatch', `the opportunity is in ${opportunity.amount.currency}, not ${data.amount.currency}`);
    }
    if (!(data.amount.value > 0)) {
      return refuse(command, state, 'amount_required', 'the opportunity amount must be greater than zero');
    }
  }
  if (data.expectedCloseDate !== undefined && !isValidCloseDate(data.expectedCloseDate)) {
    return refuse(command, state, 'invalid_close_date', `expected close date must be YYYY-MM-DD, got "${data.expectedCloseDate}"`);
  }
  return [{
    type: 'OpportunityStageChanged',
    data: {
      ...fact(command),
      pipeline: opportunity.pipeline,
      from: opportunity.dealStage,
      to: data.stage,
      ...(data.amount === undefined ? {} : { amount: data.amount }),
      ...(data.expectedCloseDate === undefined ? {} : { expectedCloseDate: data.expectedCloseDate }),
    },
  }];
};

const decideCloseDeal = (command: CloseDeal, state: LeadState): DecideResult => {
  const opportunity = state.opportunity;
  if (state.stage !== 'sql' || opportunity === null) return notInStage(command, state, 'in sql');
  const { data } = command;
  // An sql lead always has an owner (SalesQualified sets one); checked for lost deals too because
  // DealClosed names the owner either way.
  const ownerId = state.ownerId;
  if (ownerId === null) return refuse(command, state, 'owner_required', 'a closed deal needs an owner');
  const closing = { ...fact(command), ownerId, pipeline: opportunity.pipeline, dealStage: opportunity.dealStage };
  if (data.outcome === 'lost') {
    if (data.lostReason === undefined) {
      return refuse(command, state, 'lost_reason_required', 'a lost deal needs a loss reason');
    }
    return [{
      type: 'DealClosed',
      data: {
        ...closing,
        outcome: 'lost',
        amount: opportunity.amount,
        products: opportunity.products,
        lostReason: data.lostReason,
        ...(data.lostReasonNote === undefined ? {} : { lostReasonNote: data.lostReasonNote }),
      },
    }];
  }
  const amount = data.amount ?? opportunity.amount;
  if (amount.currency !== opportunity.amount.currency) {
    return refuse(command, state, 'currency_mismatch', `the opportunity is in ${opportunity.amount.currency}, not ${amount.currency}`);
  }
  if (!(amount.value > 0)) return refuse(command, state, 'amount_required', 'a won deal needs an amount greater than zero');
  return [{
    type: 'DealClosed',
    data: {
      ...closing,
      outcome: 'won',
      amount,
      products: data.products ?? opportunity.products,
      ...(data.termMonths === undefined ? {} : { termMonths: data.termMonths }),
    },
  }];
};

export const decide = (command: LeadCommand, state: LeadState): DecideResult => {
  const stage = state.stage;
  if (!state.exists || stage === null) return decideUnknown(command, state);
  if (state.status === 'disqualified' && !ALLOWED_WHEN_DISQUALIFIED.has(command.type)) {
    return refuse(command, state, 'lead_disqualified', 'a disqualified lead must be reopened first');
  }
  switch (command.type) {
    case 'CaptureLead':
    case 'UpdateLeadDetails':
      // The source of a known lead never changes: attribution is first touch.
      return detailsUpdated(command, state, command.data.profile);
    case 'RecordEngagement':
      // Marketing facts are recorded whatever the stage; scoring decides what they mean.
      return [engagementRecorded(command)];
    case 'StartNurturing': {
      const trackChange = stage === 'nurturing' && command.data.track !== state.nurtureTrack;
      if (stage !== 'lead' && !trackChange) {
        return notInStage(command, state, 'from lead, or from nurturing onto a different track');
      }
      return [{ type: 'NurturingStarted', data: { ...fact(command), track: command.data.track, from: stage } }];
    }
    case 'QualifyMarketing': {
      if (stage !== 'lead' && stage !== 'nurturing') return notInStage(command, state, 'from lead or nurturing');
      const { basis, reason, score } = command.data;
      return [{
        type: 'MarketingQualified',
        data: { ...fact(command), basis, reason, ...(score === undefined ? {} : { score }), from: stage },
      }];
    }
    case 'AcceptLead':
      return decideAccept(command, state, stage);
    case 'RejectLead':
      if (stage !== 'sal') return notInStage(command, state, 'in sal');
      return [{
        type: 'SalesRejected',
        data: { ...fact(command), reason: command.data.reason, feedback: command.data.feedback, ownerId: state.ownerId },
      }];
    case 'QualifySales':
      return decideQualifySales(command, state, stage);
    case 'ChangeOpportunityStage':
      return decideChangeDealStage(command, state);
    case 'CloseDeal':
      return decideCloseDeal(command, state);
    case 'OnboardCustomer': {
      if (stage === 'closed' && state.status === 'lost') {
        return refuse(command, state, 'deal_not_won', 'only a won deal becomes a customer');
      }
      if (stage !== 'closed' || state.status !== 'won') return notInStage(command, state, 'after a won deal');
      const { csmId, priorities, painPoints, milestones, keyAccount } = command.data;
      return [{
        type: 'CustomerOnboarded',
        data: { ...fact(command), csmId, priorities, painPoints, milestones, keyAccount: keyAccount === true },
      }];
    }
    case 'SetKeyAccount':
      if (stage !== 'customer' || state.customer === null) return notInStage(command, state, 'for a customer');
      if (state.customer.keyAccount === command.data.keyAccount) return [];
      return [{ type: 'KeyAccountChanged', data: { ...fact(command), keyAccount: command.data.keyAccount } }];
    case 'RecordExpansion': {
      if (stage !== 'customer') return notInStage(command, state, 'for a customer');
      const { kind, products, amount } = command.data;
      if (products.length === 0) return refuse(command, state, 'products_required', 'an expansion needs at least one product line');
      return [{ type: 'ExpansionRecorded', data: { ...fact(command), kind, products, amount } }];
    }
    case 'RecycleLead': {
      const recyclable = stage === 'mql' || stage === 'sql' || (stage === 'closed' && state.status === 'lost');
      if (!recyclable) return notInStage(command, state, 'from mql, sql or a lost deal');
      return [{ type: 'LeadRecycled', data: { ...fact(command), reason: command.data.reason, from: stage } }];
    }
    case 'DisqualifyLead':
      if (!OPEN_STAGES.includes(stage)) return notInStage(command, state, 'before the deal is closed');
      return [{ type: 'LeadDisqualified', data: { ...fact(command), reason: command.data.reason, from: stage } }];
    case 'ReopenLead':
      if (state.status !== 'disqualified') return notInStage(command, state, 'for a disqualified lead');
      return [{
        type: 'LeadReopened',
        data: { ...fact(command), reason: command.data.reason, to: state.stageBeforeDisqualification ?? stage },
      }];
    case 'ChangeOwner':
      if (command.data.ownerId === state.ownerId) return [];
      return [{
        type: 'LeadOwnerChanged',
        data: { ...fact(command), ownerId: command.data.ownerId, previousOwnerId: state.ownerId },
      }];
    case 'ErasePersonalData':
      if (state.personalDataErased) return [];
      return [{ type: 'LeadPersonalDataErased', data: { ...fact(command), reason: command.data.reason } }];
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
};
