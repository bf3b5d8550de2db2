// The lead view and the score through HTTP after commands: read your own writes with minPosition,
// filters and cursor pages, the explained score computed for "now" (decay), the signal feed.
import { leadIdFromEmail } from '#domain';
import { auth, SALES, startTestApp, type TestApp } from '../support/test-app.js';
import { captureAt, engage, send } from './lead-commands.js';

const LEADER = auth('dev-leader');
const DAY = 86_400_000;
const now = Date.now();
const daysAgo = (days: number): string => new Date(now - days * DAY).toISOString();

describe('lead queries', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ READ_WAIT_MS: '300' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves a captured lead once its position is projected, with the fields API.md fixes', async () => {
    const created = await t.http.post('/v1/leads').set(SALES).send({
      lead: { email: 'grace@example.com', firstName: 'Grace', company: { name: 'Navy', industry: 'software', employees: 40, country: 'US' } },
      source: { channel: 'event', campaignId: 'cobol-days' },
    }).expect(201);
    const { leadId, position } = created.body as { leadId: string; position: string };
    expect(position).toEqual(expect.any(String));

    const response = await t.http.get(`/v1/leads/${leadId}`).query({ minPosition: position }).set(SALES).expect(200);
    expect(response.body).toMatchObject({
      id: leadId, email: 'grace@example.com', stage: 'lead', status: 'active', ownerId: null,
      source: { channel: 'event', campaignId: 'cobol-days' }, revision: 1, position,
      stageHistory: [{ stage: 'lead', enteredAt: expect.any(String) }],
    });
    expect(typeof response.body.score).toBe('number');
  });

  it('takes the position from X-Min-Position too, and answers 503 with Retry-After when the projection cannot reach it in time', async () => {
    const created = await t.http.post('/v1/leads').set(SALES).send({ lead: { email: 'hopper@example.com' }, source: { channel: 'website' } }).expect(201);
    await t.http.get(`/v1/leads/${created.body.leadId}`).set(SALES).set('X-Min-Position', created.body.position).expect(200);
    // the same position without its zero padding is the same position (and not a wait in vain for a text order)
    const unpadded = (created.body.position as string).split(':').map((half) => String(BigInt(half))).join(':');
    await t.http.get(`/v1/leads/${created.body.leadId}`).query({ minPosition: unpadded }).set(SALES).expect(200);
    const future = `${'9'.repeat(20)}:${'9'.repeat(20)}`;
    const response = await t.http.get('/v1/leads').query({ minPosition: future }).set(SALES).expect(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    await t.http.get('/v1/leads').query({ minPosition: 'nonsense' }).set(SALES).expect(400);
  });

  it('explains the score for now and for a moment in the past: behaviour decays with time alone', async () => {
    const email = 'decay@example.com';
    const leadId = leadIdFromEmail(email);
    await captureAt(t.app, email, daysAgo(60));
    const last = await engage(t.app, email, 'webinar_attended', daysAgo(60));

    const then = await t.http.get(`/v1/leads/${leadId}/score`).query({ asOf: daysAgo(60), minPosition: last.position }).set(LEADER).expect(200);
    const today = await t.http.get(`/v1/leads/${leadId}/score`).set(LEADER).expect(200);
    expect(then.body.fit).toBe(today.body.fit);
    expect(then.body.behaviour).toBe(12);
    // two half-lives later: a quarter of the points
    expect(today.body.behaviour).toBeCloseTo(3, 0);
    expect(today.body.score).toBe(today.body.fit + today.body.behaviour);
    const lines = today.body.breakdown as { rule: string; points: number }[];
    expect(lines.map((line) => line.rule)).toEqual(expect.arrayContaining(['decision_role', 'webinar_attended']));
    expect(today.body.history).toEqual([
      expect.objectContaining({ eventType: 'LeadCaptured', before: 0, reason: expect.stringContaining('LeadCaptured') }),
      expect.objectContaining({ eventType: 'EngagementRecorded', delta: 12, reason: expect.stringContaining('webinar_attended') }),
    ]);
    const lead = await t.http.get(`/v1/leads/${leadId}`).set(SALES).expect(200);
    expect(lead.body.score).toBe(today.body.score);
  });

  it.each(['2026-W10', '2026-123', '2026-11-02T10:15:00'])('refuses a score asOf %s, which Date cannot read as one instant (400, not 500)', async (asOf) => {
    const response = await t.http.get(`/v1/leads/${leadIdFromEmail('decay@example.com')}/score`).query({ asOf }).set(LEADER).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['asOf']);
  });

  it('lists leads newest first with filters and cursor pages that neither skip nor repeat', async () => {
    const emails = ['p1', 'p2', 'p3', 'p4', 'p5'].map((name) => `${name}@pages.example`);
    let position = '';
    for (const [i, email] of emails.entries()) position = (await captureAt(t.app, email, daysAgo(10 - i), { channel: 'demo' })).position ?? '';

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; source: { channel: string } }[]; nextCursor: string | null } } = await t.http.get('/v1/leads')
        .query({ source: 'demo', limit: 2, minPosition: position, ...(cursor === null ? {} : { cursor }) }).set(SALES).expect(200);
      expect(page.body.items.every((item) => item.source.channel === 'demo')).toBe(true);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(emails.map(leadIdFromEmail).reverse());

    const strong = await t.http.get('/v1/leads').query({ minScore: 40, stage: 'lead', source: 'demo' }).set(SALES).expect(200);
    expect(strong.body.items).toHaveLength(5);
    const none = await t.http.get('/v1/leads').query({ minScore: 1000 }).set(SALES).expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    const bad = await t.http.get('/v1/leads').query({ stage: 'won', limit: 0, cursor: 'zzz' }).set(SALES).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['limit', 'stage']);
    await t.http.get('/v1/leads').query({ cursor: 'zzz' }).set(SALES).expect(400);
    // cursors forged with times Date reads and PostgreSQL does not
    const forged = (createdAt: string): string => Buffer.from(JSON.stringify([createdAt, '3cbca9d5-17f1-5638-a615-d869d0412f16'])).toString('base64url');
    for (const createdAt of ['1', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00Z']) {
      await t.http.get('/v1/leads').query({ cursor: forged(createdAt) }).set(SALES).expect(400);
    }
  });

  it('feeds an owner the buying signals of the leads they work, newest first', async () => {
    const email = 'signal@example.com';
    const leadId = leadIdFromEmail(email);
    await captureAt(t.app, email, daysAgo(3), { employees: 5, title: 'Assistant' });
    await send(t.app, leadId, () => ({ type: 'AcceptLead', data: { leadId, ownerId: 'rep-signals' }, metadata: { now: daysAgo(3) } }), daysAgo(3));
    await engage(t.app, email, 'demo_requested', daysAgo(2));
    const last = await engage(t.app, email, 'proposal_opened', daysAgo(1));

    const feed = await t.http.get('/v1/signals').query({ ownerId: 'rep-signals', minPosition: last.position }).set(SALES).expect(200);
    expect(feed.body.items.map((s: { signal: string }) => s.signal)).toEqual(['proposal_opened', 'demo_requested']);
    expect(feed.body.items[0]).toMatchObject({ leadId, scoreChange: 20 });
    await t.http.get('/v1/signals').set(SALES).expect(400);
  });

  it('lists the configured pipelines', async () => {
    const response = await t.http.get('/v1/pipelines').set(SALES).expect(200);
    expect(response.body.items.map((p: { id: string }) => p.id)).toEqual(['default', 'real_estate', 'car_dealer']);
  });

  it('answers 404 for an unknown lead', async () => {
    await t.http.get('/v1/leads/6f1c1f1e-0000-4000-8000-000000000000').set(SALES).expect(404);
    await t.http.get('/v1/leads/not-a-uuid/score').set(SALES).expect(404);
  });
});
