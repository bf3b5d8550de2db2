// Crypto-shredding through HTTP: personal fields are never stored in the clear, erasure deletes
// the lead's key, and afterwards nothing personal is readable anywhere while the history, its
// hashes and every non-personal fact stay exactly as they were.
import { startTestApp, auth, SALES, type TestApp } from '../support/test-app.js';
import { EUR } from '../lead-commands/lead-fixtures.js';
import { ADMIN, AUDITOR } from './audit-fixtures.js';

const PERSONAL = ['erasable@example.com', 'Grace', 'Hopper', 'Rear Admiral', '+46 70 123 45 67', 'she prefers email', 'not now, call in spring', 'her manager left', 'spoke to her assistant', 'asked for pricing'];

const captureBody = {
  lead: { email: 'Erasable@Example.com', firstName: 'Grace', lastName: 'Hopper', title: 'Rear Admiral', phone: '+46 70 123 45 67', decisionRole: 'influencer', company: { name: 'Navy AB', industry: 'software', employees: 250 } },
  source: { channel: 'website' },
};

const containsPersonal = (text: string): string[] => PERSONAL.filter((value) => text.includes(value));

const METRICS = ['funnel', 'time-in-stage', 'pipeline-conversion', 'leads-by-source', 'nurture-tracks', 'win-rate', 'deal-stages'];

describe('erasure of personal data (crypto-shredding)', () => {
  let t: TestApp;
  let leadId: string;
  let lastPosition: string;
  /** The lead view and the metrics, once the projections caught up with `minPosition`. */
  const readSide = async (minPosition: string) => {
    const view = await t.http.get(`/v1/leads/${leadId}`).query({ minPosition }).set(AUDITOR).expect(200);
    const metrics: Record<string, unknown> = {};
    for (const name of METRICS) {
      const { body } = await t.http.get(`/v1/metrics/${name}`).query({ from: '2000-01-01', to: '2100-01-01', minPosition }).set(AUDITOR).expect(200);
      // Only the figures: where the projection stood and the clock of the answer move on.
      metrics[name] = JSON.parse(JSON.stringify(body, (key, value) => (key === 'computedUpTo' || key === 'asOf' ? undefined : value)));
    }
    return { view: view.body as Record<string, unknown>, metrics };
  };
  const stored = async (): Promise<string> => {
    const { rows } = await t.db.pool.query<{ row: string }>(`SELECT row_to_json(e)::text AS row FROM es_events e WHERE stream_id = $1`, [`lead-${leadId}`]);
    return rows.map((r) => r.row).join('\n');
  };
  const auditEvents = async () => (await t.http.get(`/v1/audit/leads/${leadId}/events`).set(AUDITOR).expect(200)).body.items;
  const exportText = async (): Promise<string> => (await t.http.get('/v1/audit/events').set(AUDITOR).buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    res.on('end', () => done(null, text));
  }).expect(200)).body as string;

  beforeAll(async () => {
    t = await startTestApp();
    leadId = (await t.http.post('/v1/leads').set(SALES).send(captureBody).expect(201)).body.leadId;
    const step = async (path: string, body: object) => {
      lastPosition = (await t.http.post(`/v1/leads/${leadId}/${path}`).set(SALES).send(body).expect(200)).body.position;
    };
    await step('nurture', { track: 'enterprise' });
    await step('qualify-marketing', { reason: 'she prefers email', basis: 'sdr' });
    await step('accept', { ownerId: 'rep-1' });
    await step('reject', { reason: 'not now, call in spring', feedback: 'her manager left' });
    await step('qualify-marketing', { reason: 'asked for pricing' });
    await step('accept', { ownerId: 'rep-2' });
    await step('qualify-sales', {
      framework: 'BANT', amount: EUR(50_000), expectedCloseDate: '2027-03-31', products: [{ sku: 'crm-pro' }],
      criteria: { budget: { met: true }, authority: { met: true, note: 'spoke to her assistant' }, need: { met: true }, timeline: { met: true } },
    });
  });
  afterAll(async () => { await t.close(); });

  it('stores personal fields only encrypted, from the start, while auditors read them', async () => {
    expect(containsPersonal(await stored())).toEqual([]);
    const events = await auditEvents();
    expect(containsPersonal(JSON.stringify(events))).toEqual(PERSONAL);
    expect(events[0].data.profile).toMatchObject({ email: 'erasable@example.com', phone: '+46 70 123 45 67', company: { name: 'Navy AB' } });
  });

  it('is for admins only', async () => {
    for (const key of ['dev-sales', 'dev-leader', 'dev-marketing', 'dev-auditor']) {
      await t.http.post(`/v1/leads/${leadId}/erase-personal-data`).set(auth(key)).send({ reason: 'request' }).expect(403);
    }
    const { rows } = await t.db.pool.query('SELECT erased_at FROM pii_data_keys WHERE subject = $1', [leadId]);
    expect(rows).toEqual([{ erased_at: null }]);
  });

  it('erases: nothing personal readable anywhere, history, hashes and metrics unchanged, the chain still valid', async () => {
    const before = await auditEvents();
    const readBefore = await readSide(lastPosition);
    expect(readBefore.view).toMatchObject({ email: 'erasable@example.com' });
    const erased = await t.http.post(`/v1/leads/${leadId}/erase-personal-data`).set(ADMIN).send({ reason: 'GDPR art. 17 request #42' }).expect(200);
    expect(erased.body).toMatchObject({ leadId, revision: before.length + 1, stage: 'sql', events: ['LeadPersonalDataErased'] });

    const readAfter = await readSide(erased.body.position);
    expect(readAfter.view).toMatchObject({ email: null, stage: 'sql' });
    expect(containsPersonal(JSON.stringify(readAfter.view))).toEqual([]);
    expect(readAfter.metrics).toEqual(readBefore.metrics);

    const after = await auditEvents();
    expect(containsPersonal(JSON.stringify(after))).toEqual([]);
    expect(containsPersonal(await exportText())).toEqual([]);
    expect(after.at(-1)).toMatchObject({ type: 'LeadPersonalDataErased', actor: 'api-key:dev-admin', data: { reason: 'GDPR art. 17 request #42' } });
    // Every event is still there with the same hash; only the personal fields read as erased.
    const redact = (events: typeof before) => JSON.parse(JSON.stringify(events, (key, value) =>
      typeof value === 'string' && PERSONAL.some((p) => value.includes(p)) ? '[erased]' : value));
    expect(after.slice(0, before.length)).toEqual(redact(before));
    expect(after[0].data.profile).toEqual({ email: '[erased]', firstName: '[erased]', lastName: '[erased]', title: '[erased]', phone: '[erased]', decisionRole: 'influencer', company: { name: 'Navy AB', industry: 'software', employees: 250 } });

    const state = await t.http.get(`/v1/audit/leads/${leadId}/state`).set(AUDITOR).expect(200);
    expect(containsPersonal(JSON.stringify(state.body))).toEqual([]);
    expect(state.body.state).toMatchObject({ stage: 'sql', ownerId: 'rep-2', personalDataErased: true, profile: { email: '[erased]' } });
    const early = await t.http.get(`/v1/audit/leads/${leadId}/state?revision=1`).set(AUDITOR).expect(200);
    expect(containsPersonal(JSON.stringify(early.body))).toEqual([]);

    const verdict = await t.http.get(`/v1/audit/leads/${leadId}/verify`).set(AUDITOR).expect(200);
    expect(verdict.body).toMatchObject({ valid: true, eventsChecked: before.length + 1, headHash: after.at(-1).hash });
    const { rows } = await t.db.pool.query('SELECT wrapped_key, erased_at FROM pii_data_keys WHERE subject = $1', [leadId]);
    expect(rows).toEqual([{ wrapped_key: null, erased_at: expect.any(Date) }]);
  });

  it('erasing again appends nothing; later free text and a re-capture bring nothing personal back', async () => {
    const again = await t.http.post(`/v1/leads/${leadId}/erase-personal-data`).set(ADMIN).send({ reason: 'again' }).expect(200);
    expect(again.body.events).toEqual([]);
    await t.http.post(`/v1/leads/${leadId}/disqualify`).set(SALES).send({ reason: 'spoke to her assistant' }).expect(200);
    await t.http.post('/v1/leads').set(SALES).send(captureBody).expect(200);
    expect(containsPersonal(await stored())).toEqual([]);
    expect(containsPersonal(JSON.stringify(await auditEvents()))).toEqual([]);
    expect((await t.http.get(`/v1/audit/leads/${leadId}/verify`).set(AUDITOR).expect(200)).body.valid).toBe(true);
  });

  it('answers 404 for an unknown lead and deletes no key', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    await t.http.post(`/v1/leads/${unknown}/erase-personal-data`).set(ADMIN).send({ reason: 'x' }).expect(404);
    const { rows } = await t.db.pool.query('SELECT 1 FROM pii_data_keys WHERE subject = $1', [unknown]);
    expect(rows).toEqual([]);
  });
});
