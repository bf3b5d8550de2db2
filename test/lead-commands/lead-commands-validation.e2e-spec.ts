// Bad input gets a 400 naming every invalid field, and changes nothing.
import { leadIdFromEmail } from '#domain';
import { auth, SALES, startTestApp, storedEventTypes, type TestApp } from '../support/test-app.js';
import { capture, EUR, qualifySalesBody } from './lead-fixtures.js';

describe('invalid lead command bodies', () => {
  let t: TestApp;
  let leadId: string;
  beforeAll(async () => {
    t = await startTestApp();
    leadId = await capture(t.http, 'valid@example.com');
    await t.http.post(`/v1/leads/${leadId}/accept`).set(SALES).send({ ownerId: 'rep-1' }).expect(200);
  });
  afterAll(async () => { await t.close(); });
  afterEach(async () => {
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'SalesAccepted']);
  });

  const fieldsOf = (body: { errors?: { field: string }[] }): string[] => (body.errors ?? []).map((error) => error.field).sort();

  const cases: [string, string, unknown, string[]][] = [
    ['wrong types', 'accept', { ownerId: 42 }, ['ownerId']],
    ['a missing field', 'reject', { reason: 'x' }, ['feedback']],
    ['an unknown field', 'accept', { ownerId: 'rep-2', admin: true }, ['admin']],
    ['negative money', 'qualify-sales', { ...qualifySalesBody, amount: EUR(-1) }, ['amount.value']],
    ['fractional money', 'qualify-sales', { ...qualifySalesBody, amount: { value: 10.5, currency: 'EUR' } }, ['amount.value']],
    ['money as a string', 'qualify-sales', { ...qualifySalesBody, amount: { value: '100', currency: 'EUR' } }, ['amount.value']],
    ['a bad currency code', 'qualify-sales', { ...qualifySalesBody, amount: { value: 100, currency: 'euro' } }, ['amount.currency']],
    ['a currency ISO 4217 does not know', 'qualify-sales', { ...qualifySalesBody, amount: { value: 100, currency: 'XYZ' } }, ['amount.currency']],
    ['an impossible date', 'qualify-sales', { ...qualifySalesBody, expectedCloseDate: '2027-02-30' }, ['expectedCloseDate']],
    ['a date-time where a date is due', 'qualify-sales', { ...qualifySalesBody, expectedCloseDate: '2027-02-01T00:00:00Z' }, ['expectedCloseDate']],
    ['a missing BANT letter', 'qualify-sales', { ...qualifySalesBody, criteria: { budget: { met: true }, authority: { met: true }, need: { met: true } } }, ['criteria.timeline']],
    ['a letter of the other framework', 'qualify-sales', { ...qualifySalesBody, criteria: { ...qualifySalesBody.criteria, money: { met: true } } }, ['criteria.money']],
    ['an unknown pipeline', 'qualify-sales', { ...qualifySalesBody, pipeline: 'nope' }, ['pipeline']],
    ['a missing BANT letter and an impossible date, named together', 'qualify-sales',
      { ...qualifySalesBody, criteria: { budget: { met: true }, money: { met: true } }, expectedCloseDate: '2027-02-30' },
      ['criteria.authority', 'criteria.money', 'criteria.need', 'criteria.timeline', 'expectedCloseDate']],
    ['a bad product line', 'close', { outcome: 'won', products: [{ sku: '', quantity: 0 }] }, ['products.0.quantity', 'products.0.sku']],
    ['an unknown outcome and lost reason', 'close', { outcome: 'tied', lostReason: 'weather' }, ['lostReason', 'outcome']],
    ['a bad occurredAt', 'nurture', { track: 'a', occurredAt: 'yesterday' }, ['occurredAt']],
    ['an ISO week for occurredAt', 'nurture', { track: 'a', occurredAt: '2026-W10' }, ['occurredAt']],
    ['an ordinal date for occurredAt', 'nurture', { track: 'a', occurredAt: '2026-123' }, ['occurredAt']],
    ['an occurredAt without offset', 'nurture', { track: 'a', occurredAt: '2026-03-01T10:00:00' }, ['occurredAt']],
    ['an occurredAt on a day the month lacks', 'nurture', { track: 'a', occurredAt: '2026-02-30T10:00:00Z' }, ['occurredAt']],
    ['an occurredAt next month', 'nurture', { track: 'a', occurredAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }, ['occurredAt']],
    ['a NUL character', 'nurture', { track: 't\u0000' }, ['track']],
    ['a NUL character in a nested string', 'qualify-sales', { ...qualifySalesBody, products: [{ sku: 'crm\u0000pro' }] }, ['products.0.sku']],
    ['a product amount given as an array', 'qualify-sales', { ...qualifySalesBody, products: [{ sku: 'crm-pro', amount: [EUR(100)] }] }, ['products.0.amount']],
    ['a product line given as an array', 'close', { outcome: 'won', products: [[{ sku: 'crm-pro' }]] }, ['products']],
    ['a criterion given as an array', 'qualify-sales', { ...qualifySalesBody, criteria: { ...qualifySalesBody.criteria, budget: [{ met: true }] } }, ['criteria.budget']],
    ['a won amount given as an array', 'close', { outcome: 'won', amount: [EUR(100)] }, ['amount']],
    ['a stage amount given as an array', 'opportunity-stage', { stage: 'demo', amount: [EUR(100)] }, ['amount']],
    ['every invalid field at once', 'qualify-sales', { framework: 'SPIN', amount: { value: 1.5 }, expectedCloseDate: 'soon', products: 'all' }, ['amount.currency', 'amount.value', 'criteria', 'expectedCloseDate', 'framework', 'products']],
    ['an array body', 'accept', [{ ownerId: 'rep-2' }], []],
  ];

  it.each(cases)('%s → 400', async (_name, path, body, fields) => {
    const response = await t.http.post(`/v1/leads/${leadId}/${path}`).set(SALES).send(body as object).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, detail: expect.any(String) });
    if (fields.length > 0) expect(fieldsOf(response.body)).toEqual(fields);
  });

  it('malformed JSON → 400 naming the body', async () => {
    const response = await t.http.post(`/v1/leads/${leadId}/accept`).set(SALES).set('Content-Type', 'application/json').send('{"ownerId":').expect(400);
    expect(response.body).toMatchObject({ status: 400, errors: [{ field: 'body', message: expect.any(String) }] });
  });

  it('an unknown field nested 5000 levels → 400 naming it, not a stack overflow', async () => {
    const body = `{"ownerId":"rep-2","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await t.http.post(`/v1/leads/${leadId}/accept`).set(SALES).set('Content-Type', 'application/json').send(body).expect(400);
    // The first array past 32 levels of the body: `x` and 31 indices.
    expect(fieldsOf(response.body)).toEqual([['x', ...Array.from({ length: 31 }, () => '0')].join('.')]);
  });

  it('a huge body → 413', async () => {
    const response = await t.http.post(`/v1/leads/${leadId}/reject`).set(SALES).send({ reason: 'x'.repeat(3 * 1024 * 1024), feedback: 'f' }).expect(413);
    expect(response.body).toMatchObject({ status: 413 });
  });

  it('an over-long field → 400', async () => {
    const response = await t.http.post(`/v1/leads/${leadId}/reject`).set(SALES).send({ reason: 'x'.repeat(5000), feedback: 'f' }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['reason']);
  });

  it('a capture with a bad email and channel names both', async () => {
    const response = await t.http.post('/v1/leads').set(SALES).send({ lead: { email: 'not-an-email', company: { employees: -1 } }, source: { channel: 'tv' } }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['lead.company.employees', 'lead.email', 'source.channel']);
  });

  it.each([
    ['a NUL character in the campaign', { source: { channel: 'website', campaignId: 'c\u0000x' } }, ['source.campaignId']],
    ['the company as an array', { lead: { email: 'array-company@example.com', company: [{ name: 'Example AB' }] } }, ['lead.company']],
  ])('a capture with %s → 400, nothing stored', async (_name, change, fields) => {
    const valid = { lead: { email: 'refused@example.com' }, source: { channel: 'website' } };
    const body = { ...valid, ...change };
    const response = await t.http.post('/v1/leads').set(SALES).send(body).expect(400);
    expect(fieldsOf(response.body)).toEqual(fields);
    expect(await storedEventTypes(t.db, leadIdFromEmail(body.lead.email))).toEqual([]);
  });

  it('an erasure whose reason holds a NUL character → 400, nothing stored', async () => {
    const response = await t.http.post(`/v1/leads/${leadId}/erase-personal-data`).set(auth('dev-admin')).send({ reason: 'gdpr\u0000' }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['reason']);
  });
});
