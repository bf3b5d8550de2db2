// A lead's whole life through HTTP, and every refusal answering 422 with nothing appended.
import { leadIdFromEmail } from '#domain';
import { SALES, startTestApp, storedEventTypes, type TestApp } from '../support/test-app.js';
import { capture, captureBody, EUR, walk } from './lead-fixtures.js';

describe('lead lifecycle over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('takes a lead from capture to customer with upsell and cross-sell', async () => {
    const created = await t.http.post('/v1/leads').set(SALES).set('X-Correlation-Id', 'corr-life-1').send(captureBody('Grace@Example.com')).expect(201);
    const leadId = leadIdFromEmail('grace@example.com');
    expect(created.body).toEqual({ leadId, revision: 1, stage: 'lead', status: 'active', events: ['LeadCaptured'], position: expect.any(String) });
    expect(created.headers.location).toBe(`/v1/leads/${leadId}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers['x-correlation-id']).toBe('corr-life-1');
    // a refused capture names no resource
    const refused = await t.http.post('/v1/leads').set(SALES).set('If-Match', '"7"').send(captureBody('grace@example.com')).expect(412);
    expect(refused.headers.location).toBeUndefined();

    await walk(t.http, leadId, ['nurturing', 'mql', 'sal', 'sql']);
    const moved = await t.http.post(`/v1/leads/${leadId}/opportunity-stage`).set(SALES).send({ stage: 'demo' }).expect(200);
    expect(moved.body).toMatchObject({ revision: 6, stage: 'sql', events: ['OpportunityStageChanged'] });
    await walk(t.http, leadId, ['won', 'customer']);

    const upsell = await t.http.post(`/v1/leads/${leadId}/expansions`).set(SALES)
      .send({ kind: 'upsell', products: [{ sku: 'crm-enterprise', quantity: 10 }], amount: EUR(300_000) }).expect(200);
    expect(upsell.body).toMatchObject({ stage: 'customer', status: 'won', events: ['ExpansionRecorded'] });
    await t.http.post(`/v1/leads/${leadId}/expansions`).set(SALES)
      .send({ kind: 'cross_sell', products: [{ sku: 'analytics', quantity: 5 }], amount: EUR(90_000) }).expect(200);
    const downgrade = await t.http.post(`/v1/leads/${leadId}/expansions`).set(SALES)
      .send({ kind: 'downgrade', products: [{ sku: 'analytics', quantity: 2 }], amount: EUR(36_000) }).expect(200);
    expect(downgrade.headers.etag).toBe('"11"');
    await t.http.put(`/v1/leads/${leadId}/key-account`).set(SALES).send({ keyAccount: false }).expect(200);

    expect(await storedEventTypes(t.db, leadId)).toEqual([
      'LeadCaptured', 'NurturingStarted', 'MarketingQualified', 'SalesAccepted', 'SalesQualified',
      'OpportunityStageChanged', 'DealClosed', 'CustomerOnboarded', 'ExpansionRecorded', 'ExpansionRecorded',
      'ExpansionRecorded', 'KeyAccountChanged',
    ]);
    const { rows } = await t.db.pool.query(
      `SELECT data->'amount' AS amount, metadata FROM es_events WHERE stream_id = $1 AND type = 'ExpansionRecorded' ORDER BY revision`,
      [`lead-${leadId}`],
    );
    expect(rows.map((row) => row.amount.value)).toEqual([300_000, 90_000, -36_000]);
    expect(rows[0].metadata).toMatchObject({ actor: 'api-key:dev-sales', correlationId: expect.any(String), occurredAt: expect.any(String) });
  });

  it('records the actor from the API key and the occurredAt the caller gave', async () => {
    const leadId = await capture(t.http, 'meta@example.com');
    await t.http.post(`/v1/leads/${leadId}/nurture`).set({ Authorization: 'Bearer dev-leader' }).set('X-Correlation-Id', 'corr-meta')
      .send({ track: 'smb', occurredAt: '2026-10-01T08:00:00Z' }).expect(200);
    const { rows } = await t.db.pool.query(`SELECT metadata FROM es_events WHERE stream_id = $1 AND revision = 2`, [`lead-${leadId}`]);
    expect(rows[0].metadata).toMatchObject({ actor: 'api-key:dev-leader', correlationId: 'corr-meta', occurredAt: '2026-10-01T08:00:00.000Z' });
  });

  it('captures the same email twice as one lead: 201, then 200', async () => {
    await t.http.post('/v1/leads').set(SALES).send(captureBody('twice@example.com')).expect(201);
    const again = await t.http.post('/v1/leads').set(SALES).send(captureBody('TWICE@example.com', 'partner')).expect(200);
    expect(again.body).toMatchObject({ revision: 1, events: [] });
  });

  it('recycles a lost deal, disqualifies and reopens to the stage it had', async () => {
    const leadId = await capture(t.http, 'lost@example.com');
    await walk(t.http, leadId, ['sal', 'sql']);
    const lost = await t.http.post(`/v1/leads/${leadId}/close`).set(SALES).send({ outcome: 'lost', lostReason: 'price' }).expect(200);
    expect(lost.body).toMatchObject({ stage: 'closed', status: 'lost' });
    await t.http.post(`/v1/leads/${leadId}/recycle`).set(SALES).send({ reason: 'budget next year' }).expect(200);
    const disqualified = await t.http.post(`/v1/leads/${leadId}/disqualify`).set(SALES).send({ reason: 'competitor' }).expect(200);
    expect(disqualified.body).toMatchObject({ stage: 'nurturing', status: 'disqualified' });
    const reopened = await t.http.post(`/v1/leads/${leadId}/reopen`).set(SALES).send({ reason: 'was a mistake' }).expect(200);
    expect(reopened.body).toMatchObject({ stage: 'nurturing', status: 'active', events: ['LeadReopened'] });
  });

  it('answers 404 for an unknown lead and appends nothing', async () => {
    const unknown = leadIdFromEmail('nobody@example.com');
    const response = await t.http.post(`/v1/leads/${unknown}/nurture`).set(SALES).send({ track: 'x' }).expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'lead_not_found' });
    await t.http.post('/v1/leads/not-a-uuid/nurture').set(SALES).send({ track: 'x' }).expect(404);
    expect(await storedEventTypes(t.db, unknown)).toEqual([]);
  });

  describe('refused transitions answer 422 naming stage, rule and command, and append nothing', () => {
    const refusals: [string, string, string, Record<string, unknown>][] = [
      ['close', 'lead', 'invalid_transition', { outcome: 'won' }],
      ['reject', 'lead', 'invalid_transition', { reason: 'no', feedback: 'no' }],
      ['onboard', 'lead', 'invalid_transition', { csmId: 'c', priorities: [], painPoints: [], milestones: [] }],
      ['expansions', 'lead', 'invalid_transition', { kind: 'upsell', products: [{ sku: 'a' }], amount: EUR(1) }],
      ['recycle', 'lead', 'invalid_transition', { reason: 'r' }],
      ['reopen', 'lead', 'invalid_transition', { reason: 'r' }],
      ['opportunity-stage', 'lead', 'invalid_transition', { stage: 'demo' }],
      ['qualify-sales', 'lead', 'owner_required', { framework: 'CHAMP', criteria: { challenges: { met: true }, authority: { met: true }, money: { met: true }, prioritization: { met: true } }, amount: EUR(100), expectedCloseDate: '2027-01-01', products: [] }],
    ];

    it.each(refusals)('%s in stage %s → %s', async (path, stage, code, body) => {
      const leadId = await capture(t.http, `refused-${path}@example.com`);
      const response = await t.http.post(`/v1/leads/${leadId}/${path}`).set(SALES).send(body).expect(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 422, code, stage, command: expect.any(String), detail: expect.stringContaining(stage) });
      expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured']);
    });

    it('lost needs a reason, and a disqualified lead refuses commands', async () => {
      const leadId = await capture(t.http, 'rules@example.com');
      await walk(t.http, leadId, ['sal', 'sql']);
      const noReason = await t.http.post(`/v1/leads/${leadId}/close`).set(SALES).send({ outcome: 'lost' }).expect(422);
      expect(noReason.body).toMatchObject({ code: 'lost_reason_required', stage: 'sql', command: 'CloseDeal' });
      const unknownStage = await t.http.post(`/v1/leads/${leadId}/opportunity-stage`).set(SALES).send({ stage: 'viewing' }).expect(422);
      expect(unknownStage.body).toMatchObject({ code: 'unknown_deal_stage' });
      await t.http.post(`/v1/leads/${leadId}/disqualify`).set(SALES).send({ reason: 'spam' }).expect(200);
      const refused = await t.http.post(`/v1/leads/${leadId}/accept`).set(SALES).send({ ownerId: 'rep-2' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'lead_disqualified' });
      expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'SalesAccepted', 'SalesQualified', 'LeadDisqualified']);
    });
  });

  it('sets targets and records campaign costs (role leader)', async () => {
    const leader = { Authorization: 'Bearer dev-leader' };
    const target = await t.http.put('/v1/targets/2026-Q4').set(leader).send({ amount: EUR(50_000_000), ownerId: 'rep-1' }).expect(200);
    expect(target.body).toMatchObject({ streamId: 'target-2026-Q4-rep-1', events: ['SalesTargetSet'] });
    await t.http.post('/v1/campaigns/q4-webinar/costs').set(leader).send({ period: '2026-11', amount: EUR(1_500_000) }).expect(200);
    const fieldsOf = (response: { body: { errors?: { field: string }[] } }): string[] => (response.body.errors ?? []).map((error) => error.field);
    // A 400 naming the period (API.md: an invalid body), not the decider's 422.
    expect(fieldsOf(await t.http.put('/v1/targets/2026-13').set(leader).send({ amount: EUR(1) }).expect(400))).toEqual(['period']);
    expect(fieldsOf(await t.http.put('/v1/targets/2026-Q5').set(leader).send({ amount: EUR(1) }).expect(400))).toEqual(['period']);
    expect(fieldsOf(await t.http.post('/v1/campaigns/q4-webinar/costs').set(leader).send({ period: 'nope', amount: EUR(1) }).expect(400))).toEqual(['period']);
    expect(fieldsOf(await t.http.post('/v1/campaigns/q4-webinar/costs').set(leader).send({ period: '2026-11', amount: { value: 1, currency: 'E\u0000R' } }).expect(400))).toEqual(['amount.currency']);
    expect(fieldsOf(await t.http.post('/v1/campaigns/q4%00x/costs').set(leader).send({ period: '2026-11', amount: EUR(1) }).expect(400))).toEqual(['id']);
    const { rows } = await t.db.pool.query<{ count: string }>("SELECT count(*) FROM es_events WHERE type IN ('SalesTargetSet', 'CampaignCostRecorded')");
    expect(Number(rows[0].count)).toBe(2);
    await t.http.put('/v1/targets/2026').set(SALES).send({ amount: EUR(1) }).expect(403);
  });
});
