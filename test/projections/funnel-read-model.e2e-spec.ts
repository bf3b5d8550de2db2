// Every lead event type reaches the read models, and the funnel records feed the domain's metric
// formulas as they are: journeys, deals, opportunity paths, expansions, targets and costs.
import { DEFAULT_PIPELINES, leadIdFromEmail, leadStreamName, metrics } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { FunnelReadModel, LeadReadModel } from '#read-models';
import { EUR, STEPS, walk } from '../lead-commands/lead-fixtures.js';
import { expectEventually } from '../support/expect-eventually.js';
import { engage, send } from './lead-commands.js';
import { auth, SALES, startTestApp, type TestApp } from '../support/test-app.js';

const LEADER = auth('dev-leader');
const ADMIN = auth('dev-admin');
const november: metrics.Period = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
const at = (day: number, hour = 9): string => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

describe('funnel read models', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  let funnel: FunnelReadModel;
  let store: EventStore;
  const won = leadIdFromEmail('won@funnel.example');
  const lost = leadIdFromEmail('lost@funnel.example');

  const post = (leadId: string, path: string, body: object, day: number) =>
    t.http.post(`/v1/leads/${leadId}/${path}`).set(SALES).send({ ...body, occurredAt: at(day) }).expect(200);
  const capture = (email: string, day: number) =>
    t.http.post('/v1/leads').set(SALES).send({
      lead: { email, company: { name: 'Example AB', industry: 'software', employees: 250, country: 'SE' } },
      source: { channel: 'event', campaignId: 'q4-webinar' }, occurredAt: at(day),
    }).expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    funnel = t.app.get(FunnelReadModel);
    store = t.app.get<EventStore>(EVENT_STORE);

    await capture('won@funnel.example', 1);
    await post(won, 'nurture', STEPS.nurturing[1], 2);
    await post(won, 'qualify-marketing', STEPS.mql[1], 3);
    await post(won, 'accept', { ownerId: 'rep-1' }, 4);
    await post(won, 'qualify-sales', STEPS.sql[1], 5);
    await post(won, 'opportunity-stage', { stage: 'demo' }, 6);
    await post(won, 'opportunity-stage', { stage: 'proposal', amount: EUR(1_300_000) }, 7);
    await post(won, 'close', { outcome: 'won', amount: EUR(1_250_000), termMonths: 12, products: [{ sku: 'crm-pro', quantity: 10 }] }, 8);
    await post(won, 'onboard', { ...STEPS.customer[1], keyAccount: false }, 9);
    await t.http.put(`/v1/leads/${won}/key-account`).set(SALES).send({ keyAccount: true, occurredAt: at(10) }).expect(200);
    await post(won, 'expansions', { kind: 'upsell', products: [{ sku: 'crm-analytics', quantity: 2 }], amount: EUR(200_000) }, 11);
    await t.http.put(`/v1/leads/${won}/owner`).set(SALES).send({ ownerId: 'rep-2', occurredAt: at(12) }).expect(200);

    await capture('lost@funnel.example', 1);
    await walk(t.http, lost, ['mql', 'sal']);
    await post(lost, 'qualify-sales', STEPS.sql[1], 5);
    await post(lost, 'opportunity-stage', { stage: 'demo' }, 6);
    await post(lost, 'close', { outcome: 'lost', lostReason: 'price' }, 7);
    await post(lost, 'recycle', { reason: 'try again next year' }, 8);
    await post(lost, 'disqualify', { reason: 'no budget ever' }, 9);
    await post(lost, 'reopen', { reason: 'new budget' }, 10);
    await engage(t.app, 'lost@funnel.example', 'email_click', at(11));
    await send(t.app, lost, () => ({ type: 'UpdateLeadDetails', data: { leadId: lost, profile: { email: 'lost@funnel.example', title: 'CTO' } }, metadata: { now: at(11, 10) } }), at(11, 10));
    await post(lost, 'accept', { ownerId: 'rep-3' }, 12);
    await post(lost, 'reject', { reason: 'not now', feedback: 'too early' }, 13);
    await t.http.post(`/v1/leads/${lost}/erase-personal-data`).set(ADMIN).send({ reason: 'GDPR request' });

    await t.http.put('/v1/targets/2026-11').set(LEADER).send({ amount: EUR(1_000_000), ownerId: 'rep-1' }).expect(200);
    await t.http.put('/v1/targets/2026-11').set(LEADER).send({ amount: EUR(2_000_000), ownerId: 'rep-1' }).expect(200);
    const last = await t.http.post('/v1/campaigns/q4-webinar/costs').set(LEADER).send({ period: '2026-11', amount: EUR(50_000) }).expect(200);
    await expectEventually(async () => expect(await funnel.computedUpTo()).toBe(last.body.position));
  });
  afterAll(async () => {
    await t.close();
  });

  it('applies every lead event type to the lead view', async () => {
    for (const leadId of [won, lost]) {
      const stream = await store.readStream(leadStreamName(leadId));
      await expectEventually(async () => expect((await t.app.get(LeadReadModel).find(leadId))?.revision).toBe(stream.length));
    }
    const streams = await Promise.all([won, lost].map((id) => store.readStream(leadStreamName(id))));
    const types = new Set(streams.flat().map((e) => e.type));
    expect([...types].sort()).toEqual([
      'CustomerOnboarded', 'DealClosed', 'ExpansionRecorded', 'KeyAccountChanged', 'LeadCaptured', 'LeadDisqualified',
      'LeadOwnerChanged', 'LeadPersonalDataErased', 'LeadRecycled', 'LeadReopened', 'MarketingQualified', 'NurturingStarted', 'OpportunityStageChanged',
      'SalesAccepted', 'SalesQualified',
    ].concat(['EngagementRecorded', 'LeadDetailsUpdated', 'SalesRejected']).sort());
    const view = await t.http.get(`/v1/leads/${won}`).set(SALES).expect(200);
    expect(view.body).toMatchObject({
      stage: 'customer', status: 'won', ownerId: 'rep-2', customer: { keyAccount: true },
      products: [{ sku: 'crm-pro', origin: 'deal' }, { sku: 'crm-analytics', origin: 'upsell' }],
    });
    expect(view.body.stageHistory.map((s: { stage: string }) => s.stage)).toEqual(['lead', 'nurturing', 'mql', 'sal', 'sql', 'closed', 'customer']);
  });

  it('keeps journeys with stage exits that the funnel and time-in-stage formulas take as they are', async () => {
    const journeys = await funnel.journeys({ source: 'event' });
    const journey = journeys.find((j) => j.leadId === won);
    expect(journey).toMatchObject({ status: 'won', wonAt: at(8), source: 'event', ownerId: 'rep-2' });
    expect(journey?.entries[1]).toEqual({ stage: 'nurturing', at: at(2), track: 'enterprise' });
    const result = metrics.funnel(journeys, november, 'cohort');
    expect(result.stages.find((s) => s.stage === 'lead')?.count).toBe(2);
    expect(result.overall.numerator).toBe(1);
    expect(metrics.timeInStage(journeys, november).find((s) => s.stage === 'sql')?.count).toBeGreaterThan(0);
    const counts = await funnel.dailyStageCounts('2026-11-01', '2026-12-01', { campaignId: 'q4-webinar' });
    expect(counts.filter((c) => c.stage === 'lead').reduce((n, c) => n + c.entries, 0)).toBe(2);
  });

  it('keeps deals, losses by deal stage, opportunity paths, expansions, targets and costs', async () => {
    const deals = await funnel.closedDeals(november);
    expect(metrics.winRate(deals, november).winRate.value).toBe(0.5);
    expect(deals.find((d) => d.leadId === lost)).toMatchObject({ outcome: 'lost', dealStage: 'demo', lostReason: 'price', source: 'event' });
    const paths = await funnel.opportunityPaths('default');
    expect(paths.find((p) => p.leadId === won)).toMatchObject({ dealStages: ['discovery', 'demo', 'proposal'], outcome: 'won' });
    const dealStages = metrics.dealStageFunnel(paths, DEFAULT_PIPELINES[0], november);
    expect(dealStages.stages.find((s) => s.dealStage === 'demo')?.lost).toBe(1);
    expect(await funnel.openOpportunities(DEFAULT_PIPELINES)).toEqual([]);
    const expansions = await funnel.expansions(november);
    expect(expansions).toEqual([expect.objectContaining({ leadId: won, kind: 'upsell', keyAccount: true, amount: EUR(200_000) })]);
    expect(await funnel.targets('2026-11')).toEqual([{ ownerId: 'rep-1', amount: EUR(2_000_000) }]);
    expect(await funnel.campaignCosts('2026-11')).toEqual([{ campaignId: 'q4-webinar', period: '2026-11', amount: EUR(50_000) }]);
    expect((await funnel.campaignSources()).get('q4-webinar')).toBe('event');
  });
});
