// The whole transition table: every lead command in every situation, with the exact events or the
// exact error code. Focused rules live in lead.decider.rules.spec.ts.
import type { LeadCommand, LeadCommandType } from './commands.js';
import type { DomainErrorCode } from './errors.js';
import type { LeadEvent, ProfileChanges } from './events.js';
import {
  DEFAULT_PIPELINE, EMAIL, HISTORY, OPPORTUNITY_AMOUNT, OPPORTUNITY_PRODUCTS, OWNER, PROFILE, SITUATIONS,
  type Situation, leadCommand, leadEvent, leadSpec, stateOf,
} from './testing/lead-fixtures.js';

type CommandOf<T extends LeadCommandType> = Extract<LeadCommand, { type: T }>;

/** One representative command of each type, all happening at NOW. */
const COMMANDS: { readonly [T in LeadCommandType]: CommandOf<T> } = {
  CaptureLead: leadCommand('CaptureLead', {
    profile: { email: EMAIL, firstName: 'Ada', title: 'CTO' }, source: { channel: 'website' },
  }),
  UpdateLeadDetails: leadCommand('UpdateLeadDetails', { profile: { email: EMAIL, phone: '+44 20 7946 0000' } }),
  RecordEngagement: leadCommand('RecordEngagement', {
    profile: PROFILE, source: { channel: 'trial' }, engagement: { kind: 'demo_requested' },
  }),
  StartNurturing: leadCommand('StartNurturing', { track: 'product-webinars' }),
  QualifyMarketing: leadCommand('QualifyMarketing', { basis: 'sdr', reason: 'discovery call' }),
  AcceptLead: leadCommand('AcceptLead', { ownerId: 'rep-2' }),
  RejectLead: leadCommand('RejectLead', { reason: 'no budget this year', feedback: 'nurture until Q2' }),
  QualifySales: leadCommand('QualifySales', {
    ownerId: OWNER,
    framework: 'CHAMP',
    criteria: { challenges: { met: true }, authority: { met: true }, money: { met: true }, prioritization: { met: false } },
    amount: { value: 500_000, currency: 'EUR' },
    expectedCloseDate: '2027-01-31',
    products: [{ sku: 'platform', quantity: 5 }],
    pipeline: DEFAULT_PIPELINE,
  }),
  ChangeOpportunityStage: leadCommand('ChangeOpportunityStage', { stage: 'demo', pipeline: DEFAULT_PIPELINE }),
  CloseDeal: leadCommand('CloseDeal', { outcome: 'won' }),
  OnboardCustomer: leadCommand('OnboardCustomer', {
    csmId: 'csm-7', priorities: ['go live'], painPoints: ['manual reports'], milestones: ['pilot'],
  }),
  SetKeyAccount: leadCommand('SetKeyAccount', { keyAccount: true }),
  RecordExpansion: leadCommand('RecordExpansion', {
    kind: 'upsell', products: [{ sku: 'platform-enterprise', quantity: 10 }], amount: { value: 300_000, currency: 'EUR' },
  }),
  RecycleLead: leadCommand('RecycleLead', { reason: 'went quiet' }),
  DisqualifyLead: leadCommand('DisqualifyLead', { reason: 'student address' }),
  ReopenLead: leadCommand('ReopenLead', { reason: 'was a customer of a partner' }),
  ChangeOwner: leadCommand('ChangeOwner', { ownerId: 'rep-2' }),
  ErasePersonalData: leadCommand('ErasePersonalData', { reason: 'GDPR art. 17 request' }),
};

type Expectation = DomainErrorCode | readonly LeadEvent[];
type Row = Readonly<Record<Situation, Expectation>>;

/** A row of the table: the listed situations, and `otherwise` for every situation not listed. */
const row = (otherwise: DomainErrorCode, cells: Partial<Row>): Row =>
  Object.fromEntries(SITUATIONS.map((situation) => [situation, cells[situation] ?? otherwise])) as Record<Situation, Expectation>;

/** The same events in every situation but `unknown`, built from the situation. */
const everyKnown = (build: (situation: Situation) => readonly LeadEvent[]): Partial<Row> =>
  Object.fromEntries(SITUATIONS.filter((s) => s !== 'unknown').map((s) => [s, build(s)]));

const detailsChanged = (changes: ProfileChanges): readonly LeadEvent[] =>
  [leadEvent('LeadDetailsUpdated', { changes })];
const ownerBefore = (situation: Situation): string | null =>
  ['sal', 'sql', 'closed_won', 'closed_lost', 'customer'].includes(situation) ? OWNER : null;
const engagement = leadEvent('EngagementRecorded', { engagement: { kind: 'demo_requested' } });

const TABLE: { readonly [T in LeadCommandType]: Row } = {
  CaptureLead: row('invalid_transition', {
    unknown: [leadEvent('LeadCaptured', { profile: { email: EMAIL, firstName: 'Ada', title: 'CTO' }, source: { channel: 'website' } })],
    ...everyKnown(() => detailsChanged({ title: 'CTO' })),
  }),
  UpdateLeadDetails: row('invalid_transition', {
    unknown: [leadEvent('LeadCaptured', { profile: { email: EMAIL, phone: '+44 20 7946 0000' }, source: { channel: 'direct' } })],
    ...everyKnown(() => detailsChanged({ phone: '+44 20 7946 0000' })),
  }),
  RecordEngagement: row('invalid_transition', {
    unknown: [leadEvent('LeadCaptured', { profile: PROFILE, source: { channel: 'trial' } }), engagement],
    ...everyKnown(() => [engagement]),
  }),
  StartNurturing: row('invalid_transition', {
    unknown: 'lead_not_found',
    lead: [leadEvent('NurturingStarted', { track: 'product-webinars', from: 'lead' })],
    nurturing: [leadEvent('NurturingStarted', { track: 'product-webinars', from: 'nurturing' })],
    disqualified: 'lead_disqualified',
  }),
  QualifyMarketing: row('invalid_transition', {
    unknown: 'lead_not_found',
    lead: [leadEvent('MarketingQualified', { basis: 'sdr', reason: 'discovery call', from: 'lead' })],
    nurturing: [leadEvent('MarketingQualified', { basis: 'sdr', reason: 'discovery call', from: 'nurturing' })],
    disqualified: 'lead_disqualified',
  }),
  AcceptLead: row('invalid_transition', {
    unknown: 'lead_not_found',
    lead: [leadEvent('SalesAccepted', { ownerId: 'rep-2', from: 'lead', onBehalfOfOwner: false })],
    nurturing: [leadEvent('SalesAccepted', { ownerId: 'rep-2', from: 'nurturing', onBehalfOfOwner: false })],
    mql: [leadEvent('SalesAccepted', { ownerId: 'rep-2', from: 'mql', onBehalfOfOwner: false })],
    disqualified: 'lead_disqualified',
  }),
  RejectLead: row('invalid_transition', {
    unknown: 'lead_not_found',
    sal: [leadEvent('SalesRejected', { reason: 'no budget this year', feedback: 'nurture until Q2', ownerId: OWNER })],
    disqualified: 'lead_disqualified',
  }),
  QualifySales: row('invalid_transition', {
    unknown: 'lead_not_found',
    ...Object.fromEntries((['lead', 'nurturing', 'mql', 'sal'] as const).map((from) => [from, [leadEvent('SalesQualified', {
      ownerId: OWNER,
      from,
      framework: 'CHAMP',
      criteria: { challenges: { met: true }, authority: { met: true }, money: { met: true }, prioritization: { met: false } },
      amount: { value: 500_000, currency: 'EUR' },
      expectedCloseDate: '2027-01-31',
      products: [{ sku: 'platform', quantity: 5 }],
      pipeline: 'default',
      dealStage: 'discovery',
    })]])),
    disqualified: 'lead_disqualified',
  }),
  ChangeOpportunityStage: row('invalid_transition', {
    unknown: 'lead_not_found',
    sql: [leadEvent('OpportunityStageChanged', { pipeline: 'default', from: 'discovery', to: 'demo' })],
    disqualified: 'lead_disqualified',
  }),
  CloseDeal: row('invalid_transition', {
    unknown: 'lead_not_found',
    sql: [leadEvent('DealClosed', {
      outcome: 'won', ownerId: OWNER, amount: OPPORTUNITY_AMOUNT, products: OPPORTUNITY_PRODUCTS, pipeline: 'default', dealStage: 'discovery',
    })],
    disqualified: 'lead_disqualified',
  }),
  OnboardCustomer: row('invalid_transition', {
    unknown: 'lead_not_found',
    closed_won: [leadEvent('CustomerOnboarded', {
      csmId: 'csm-7', priorities: ['go live'], painPoints: ['manual reports'], milestones: ['pilot'], keyAccount: false,
    })],
    closed_lost: 'deal_not_won',
    disqualified: 'lead_disqualified',
  }),
  SetKeyAccount: row('invalid_transition', {
    unknown: 'lead_not_found',
    customer: [leadEvent('KeyAccountChanged', { keyAccount: true })],
    disqualified: 'lead_disqualified',
  }),
  RecordExpansion: row('invalid_transition', {
    unknown: 'lead_not_found',
    customer: [leadEvent('ExpansionRecorded', {
      kind: 'upsell', products: [{ sku: 'platform-enterprise', quantity: 10 }], amount: { value: 300_000, currency: 'EUR' },
    })],
    disqualified: 'lead_disqualified',
  }),
  RecycleLead: row('invalid_transition', {
    unknown: 'lead_not_found',
    mql: [leadEvent('LeadRecycled', { reason: 'went quiet', from: 'mql' })],
    sql: [leadEvent('LeadRecycled', { reason: 'went quiet', from: 'sql' })],
    closed_lost: [leadEvent('LeadRecycled', { reason: 'went quiet', from: 'closed' })],
    disqualified: 'lead_disqualified',
  }),
  DisqualifyLead: row('invalid_transition', {
    unknown: 'lead_not_found',
    ...Object.fromEntries((['lead', 'nurturing', 'mql', 'sal', 'sql'] as const).map((from) => [
      from, [leadEvent('LeadDisqualified', { reason: 'student address', from })],
    ])),
    disqualified: 'lead_disqualified',
  }),
  ReopenLead: row('invalid_transition', {
    unknown: 'lead_not_found',
    disqualified: [leadEvent('LeadReopened', { reason: 'was a customer of a partner', to: 'mql' })],
  }),
  ChangeOwner: row('invalid_transition', {
    unknown: 'lead_not_found',
    ...everyKnown((situation) => [leadEvent('LeadOwnerChanged', { ownerId: 'rep-2', previousOwnerId: ownerBefore(situation) })]),
    disqualified: 'lead_disqualified',
  }),
  ErasePersonalData: row('invalid_transition', {
    unknown: 'lead_not_found',
    ...everyKnown(() => [leadEvent('LeadPersonalDataErased', { reason: 'GDPR art. 17 request' })]),
  }),
};

describe('lead decider: the transition table', () => {
  describe.each(Object.keys(TABLE) as LeadCommandType[])('%s', (type) => {
    it.each(SITUATIONS)('in %s', (situation) => {
      const expected = TABLE[type][situation];
      const spec = leadSpec.given(HISTORY[situation]).when(COMMANDS[type]);
      if (typeof expected !== 'string') {
        spec.then(expected);
        return;
      }
      const error = spec.thenFails(expected);
      const state = stateOf(HISTORY[situation]);
      // The error names the command, the stage and the status the lead was in.
      expect(error).toMatchObject({ command: type, stage: state.stage, status: state.status });
      expect(error.message).toContain(type);
      expect(error.message).toContain(String(state.stage ?? 'none'));
    });
  });

  it('has a row for every command type and a cell for every situation', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(COMMANDS).sort());
    for (const cells of Object.values(TABLE)) expect(Object.keys(cells).sort()).toEqual([...SITUATIONS].sort());
  });

  it('histories bring the lead where their names say', () => {
    const where = (situation: Situation) => {
      const { exists, stage, status } = stateOf(HISTORY[situation]);
      return { exists, stage, status };
    };
    expect(SITUATIONS.map(where)).toEqual([
      { exists: false, stage: null, status: 'active' },
      { exists: true, stage: 'lead', status: 'active' },
      { exists: true, stage: 'nurturing', status: 'active' },
      { exists: true, stage: 'mql', status: 'active' },
      { exists: true, stage: 'sal', status: 'active' },
      { exists: true, stage: 'sql', status: 'active' },
      { exists: true, stage: 'closed', status: 'won' },
      { exists: true, stage: 'closed', status: 'lost' },
      { exists: true, stage: 'customer', status: 'won' },
      { exists: true, stage: 'mql', status: 'disqualified' },
    ]);
  });
});
