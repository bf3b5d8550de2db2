// Builders for lead commands and events in tests, and one history per lifecycle situation.
import type { LeadCommand, LeadCommandType } from '../commands.js';
import type { LeadEvent, LeadEventType } from '../events.js';
import { leadIdFromEmail } from '../lead-id.js';
import type { LeadProfile } from '../lead-profile.js';
import { initialState, evolve, type LeadState } from '../lead-state.js';
import { decide } from '../lead.decider.js';
import { DEFAULT_PIPELINES, type Pipeline } from '../pipelines.js';
import { deciderSpecification } from './decider-specification.js';

export const leadSpec = deciderSpecification<LeadCommand, LeadEvent, LeadState>({ decide, evolve, initialState });

export const EMAIL = 'ada@example.com';
export const LEAD_ID = leadIdFromEmail(EMAIL);
/** When the command under test happens; every history event is earlier. */
export const NOW = '2026-11-20T10:00:00.000Z';
/** A moment in November 2026, before NOW. */
export const day = (n: number): string => `2026-11-${String(n).padStart(2, '0')}T09:00:00.000Z`;

export const DEFAULT_PIPELINE: Pipeline = DEFAULT_PIPELINES[0];
export const REAL_ESTATE_PIPELINE: Pipeline = DEFAULT_PIPELINES[1];

export const PROFILE: LeadProfile = {
  email: EMAIL,
  firstName: 'Ada',
  lastName: 'Lovelace',
  title: 'VP Engineering',
  decisionRole: 'decision_maker',
  company: { name: 'Analytical Engines', domain: 'engines.example', industry: 'software', employees: 120 },
};

type EventOf<T extends LeadEventType> = Extract<LeadEvent, { type: T }>;
type CommandOf<T extends LeadCommandType> = Extract<LeadCommand, { type: T }>;

/** A lead event of the fixture lead; `leadId` and `occurredAt` (default NOW) are filled in. */
export const leadEvent = <T extends LeadEventType>(
  type: T,
  data: Omit<EventOf<T>['data'], 'leadId' | 'occurredAt'>,
  occurredAt: string = NOW,
): EventOf<T> => ({ type, data: { leadId: LEAD_ID, occurredAt, ...data } }) as unknown as EventOf<T>;

/** A lead command for the fixture lead, happening at `now` (default NOW). */
export const leadCommand = <T extends LeadCommandType>(
  type: T,
  data: Omit<CommandOf<T>['data'], 'leadId'>,
  now: string = NOW,
): CommandOf<T> => ({ type, data: { leadId: LEAD_ID, ...data }, metadata: { now } }) as unknown as CommandOf<T>;

export const OWNER = 'rep-1';
export const OPPORTUNITY_AMOUNT = { value: 1_200_000, currency: 'EUR' } as const;
export const OPPORTUNITY_PRODUCTS = [{ sku: 'platform-pro', quantity: 10 }] as const;
export const BANT_CRITERIA = {
  budget: { met: true },
  authority: { met: true },
  need: { met: true, note: 'replacing spreadsheets' },
  timeline: { met: true },
} as const;

export const captured = leadEvent('LeadCaptured', { profile: PROFILE, source: { channel: 'event', campaignId: 'summit-26' } }, day(1));
export const nurtured = leadEvent('NurturingStarted', { track: 'newsletter', from: 'lead' }, day(2));
export const mqlReached = leadEvent('MarketingQualified', { basis: 'score', reason: 'score 55 >= 50', score: 55, from: 'nurturing' }, day(3));
export const accepted = leadEvent('SalesAccepted', { ownerId: OWNER, from: 'mql', onBehalfOfOwner: false }, day(4));
export const sqlReached = leadEvent('SalesQualified', {
  ownerId: OWNER,
  from: 'sal',
  framework: 'BANT',
  criteria: BANT_CRITERIA,
  amount: OPPORTUNITY_AMOUNT,
  expectedCloseDate: '2026-12-15',
  products: OPPORTUNITY_PRODUCTS,
  pipeline: 'default',
  dealStage: 'discovery',
}, day(5));
export const won = leadEvent('DealClosed', {
  outcome: 'won', ownerId: OWNER, amount: OPPORTUNITY_AMOUNT, products: OPPORTUNITY_PRODUCTS, pipeline: 'default', dealStage: 'discovery',
}, day(6));
export const lost = leadEvent('DealClosed', {
  outcome: 'lost', ownerId: OWNER, amount: OPPORTUNITY_AMOUNT, products: OPPORTUNITY_PRODUCTS, lostReason: 'price', pipeline: 'default', dealStage: 'discovery',
}, day(6));
export const onboarded = leadEvent('CustomerOnboarded', {
  csmId: 'csm-1', priorities: [], painPoints: [], milestones: [], keyAccount: false,
}, day(7));
export const disqualifiedAtMql = leadEvent('LeadDisqualified', { reason: 'competitor', from: 'mql' }, day(4));

export const SITUATIONS = [
  'unknown', 'lead', 'nurturing', 'mql', 'sal', 'sql', 'closed_won', 'closed_lost', 'customer', 'disqualified',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/** The events that bring the fixture lead into each situation (`disqualified` was disqualified in mql). */
export const HISTORY: Readonly<Record<Situation, readonly LeadEvent[]>> = {
  unknown: [],
  lead: [captured],
  nurturing: [captured, nurtured],
  mql: [captured, nurtured, mqlReached],
  sal: [captured, nurtured, mqlReached, accepted],
  sql: [captured, nurtured, mqlReached, accepted, sqlReached],
  closed_won: [captured, nurtured, mqlReached, accepted, sqlReached, won],
  closed_lost: [captured, nurtured, mqlReached, accepted, sqlReached, lost],
  customer: [captured, nurtured, mqlReached, accepted, sqlReached, won, onboarded],
  disqualified: [captured, nurtured, mqlReached, disqualifiedAtMql],
};

export const stateOf = (events: readonly LeadEvent[]): LeadState => events.reduce(evolve, initialState);
