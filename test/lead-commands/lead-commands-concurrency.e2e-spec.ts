// Concurrent writers, If-Match and Idempotency-Key: every answer is 200, 409 or 412, and the stream
// holds exactly what the 200s said.
import request from 'supertest';
import { createStandaloneApp } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { SALES, startTestApp, storedEventTypes, type TestApp } from '../support/test-app.js';
import { capture, EUR } from './lead-fixtures.js';

describe('lead commands under concurrency and retries', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('50 concurrent commands on one lead: each 200 or 409, and the stream shows exactly the 200s', async () => {
    const leadId = await capture(t.http, 'contended@example.com');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.http.put(`/v1/leads/${leadId}/owner`).set(SALES).send({ ownerId: `rep-${i}` })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    const succeeded = responses.filter((response) => response.status === 200);
    expect(succeeded.length).toBeGreaterThan(0);
    for (const conflict of responses.filter((response) => response.status === 409)) {
      expect(conflict.body).toMatchObject({ status: 409, expectedRevision: expect.any(Number), actualRevision: expect.any(Number) });
    }
    const stored = await storedEventTypes(t.db, leadId);
    expect(stored).toEqual(['LeadCaptured', ...succeeded.map(() => 'LeadOwnerChanged')]);
    // Every success names a distinct revision: no two writers took the same place.
    expect(new Set(succeeded.map((response) => response.body.revision)).size).toBe(succeeded.length);
  });

  it('20 concurrent writers with the same If-Match: exactly one 200, the rest 412 with both revisions', async () => {
    const leadId = await capture(t.http, 'ifmatch@example.com');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.put(`/v1/leads/${leadId}/owner`).set(SALES).set('If-Match', '"1"').send({ ownerId: `rep-${i}` })),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    const refused = responses.filter((response) => response.status === 412);
    expect(refused).toHaveLength(19);
    for (const response of refused) expect(response.body).toMatchObject({ expectedRevision: 1, actualRevision: 2 });
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'LeadOwnerChanged']);
  });

  it('a stale If-Match is refused with 412 before anything is decided; a malformed one is a 400', async () => {
    const leadId = await capture(t.http, 'stale@example.com');
    await t.http.post(`/v1/leads/${leadId}/nurture`).set(SALES).set('If-Match', '"1"').send({ track: 'a' }).expect(200);
    const stale = await t.http.post(`/v1/leads/${leadId}/accept`).set(SALES).set('If-Match', '"1"').send({ ownerId: 'rep-1' }).expect(412);
    expect(stale.body).toMatchObject({ expectedRevision: 1, actualRevision: 2 });
    const bad = await t.http.post(`/v1/leads/${leadId}/accept`).set(SALES).set('If-Match', 'yesterday').send({ ownerId: 'rep-1' }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'NurturingStarted']);
  });

  it('a retried command with the same Idempotency-Key answers the first answer and appends once', async () => {
    const leadId = await capture(t.http, 'retry@example.com');
    const send = () => t.http.post(`/v1/leads/${leadId}/accept`).set(SALES).set('Idempotency-Key', 'accept-retry-1').send({ ownerId: 'rep-7' });
    const first = await send().expect(200);
    const second = await send().expect(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'SalesAccepted']);

    const concurrent = await Promise.all(Array.from({ length: 10 }, () =>
      t.http.post(`/v1/leads/${leadId}/qualify-marketing`).set(SALES).set('Idempotency-Key', 'concurrent-1').send({ reason: 'r' })));
    // All ten are the same refused answer (sal cannot be marketing-qualified), computed once.
    expect(new Set(concurrent.map((response) => response.status))).toEqual(new Set([422]));
    expect(new Set(concurrent.map((response) => response.body.correlationId)).size).toBe(1);
  });

  it('the same Idempotency-Key with a different body is a 422 and appends nothing', async () => {
    const leadId = await capture(t.http, 'reuse@example.com');
    await t.http.post(`/v1/leads/${leadId}/nurture`).set(SALES).set('Idempotency-Key', 'k-reuse').send({ track: 'a' }).expect(200);
    const reused = await t.http.post(`/v1/leads/${leadId}/nurture`).set(SALES).set('Idempotency-Key', 'k-reuse').send({ track: 'b' }).expect(422);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'NurturingStarted']);
  });

  it('a key whose first attempt appended but never answered (crash) answers from the stream', async () => {
    const leadId = await capture(t.http, 'crash@example.com');
    await t.http.post(`/v1/leads/${leadId}/nurture`).set(SALES).set('Idempotency-Key', 'k-crash').send({ track: 'a' }).expect(200);
    // Simulate a process that died after the append, before storing its answer.
    await t.db.pool.query(`DELETE FROM idempotency_keys WHERE key = 'k-crash'`);
    const retried = await t.http.post(`/v1/leads/${leadId}/nurture`).set(SALES).set('Idempotency-Key', 'k-crash').send({ track: 'a' }).expect(200);
    expect(retried.body).toMatchObject({ revision: 2, stage: 'nurturing', events: ['NurturingStarted'] });
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'NurturingStarted']);
  });

  it('a key used again on another lead after its answer expired is a new command there', async () => {
    const [first, second] = [await capture(t.http, 'expired-a@example.com'), await capture(t.http, 'expired-b@example.com')];
    await t.http.post(`/v1/leads/${first}/qualify-marketing`).set(SALES).set('Idempotency-Key', 'k-expired').send({ reason: 'r' }).expect(200);
    // The 48 h purge (IdempotencyStore.purgeExpired) has taken the stored answer.
    await t.db.pool.query(`DELETE FROM idempotency_keys WHERE key = 'k-expired'`);
    const reused = await t.http.post(`/v1/leads/${second}/nurture`).set(SALES).set('Idempotency-Key', 'k-expired').send({ track: 'a' }).expect(200);
    expect(reused.body).toMatchObject({ leadId: second, revision: 2, stage: 'nurturing', events: ['NurturingStarted'] });
    expect(await storedEventTypes(t.db, second)).toEqual(['LeadCaptured', 'NurturingStarted']);
  });

  it('a key used again on another target after its answer expired sets that target', async () => {
    const leader = { Authorization: 'Bearer dev-leader' };
    const amount = EUR(100);
    await t.http.put('/v1/targets/2026-10').set(leader).set('Idempotency-Key', 'k-target').send({ amount }).expect(200);
    await t.db.pool.query(`DELETE FROM idempotency_keys WHERE key = 'k-target'`);
    const reused = await t.http.put('/v1/targets/2026-11').set(leader).set('Idempotency-Key', 'k-target').send({ amount }).expect(200);
    expect(reused.body).toMatchObject({ streamId: 'target-2026-11-team', revision: 1, events: ['SalesTargetSet'] });
  });

  it('keys are kept in PostgreSQL, not in memory', async () => {
    const { rows } = await t.db.pool.query(`SELECT status FROM idempotency_keys WHERE key = 'accept-retry-1'`);
    expect(rows).toEqual([{ status: 200 }]);
  });

  it('two instances over one database: a stale cache never decides wrongly', async () => {
    const other = await createStandaloneApp(loadStandaloneConfig({ NODE_ENV: 'test' }), t.db.url, false);
    try {
      const a = t.http;
      const b = request(other.getHttpServer());
      const leadId = await capture(a, 'two-instances@example.com'); // a caches revision 1
      await b.put(`/v1/leads/${leadId}/owner`).set(SALES).send({ ownerId: 'rep-b' }).expect(200); // revision 2, unseen by a
      // a's cache says there is no owner: it must find out, not append a duplicate change.
      const same = await a.put(`/v1/leads/${leadId}/owner`).set(SALES).send({ ownerId: 'rep-b' }).expect(200);
      expect(same.body).toMatchObject({ revision: 2, events: [] });
      await b.post(`/v1/leads/${leadId}/nurture`).set(SALES).send({ track: 't' }).expect(200); // revision 3
      // If-Match with the true current revision succeeds on a, whatever a had cached.
      const conditional = await a.post(`/v1/leads/${leadId}/qualify-marketing`).set(SALES).set('If-Match', '"3"').send({ reason: 'r' }).expect(200);
      expect(conditional.body).toMatchObject({ revision: 4, stage: 'mql' });
      await b.post(`/v1/leads/${leadId}/disqualify`).set(SALES).send({ reason: 'spam' }).expect(200); // revision 5
      // a's cache says mql: the refusal must come from the real state (disqualified).
      const refused = await a.post(`/v1/leads/${leadId}/accept`).set(SALES).send({ ownerId: 'rep-a' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'lead_disqualified' });
      expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'LeadOwnerChanged', 'NurturingStarted', 'MarketingQualified', 'LeadDisqualified']);
    } finally {
      await other.close();
    }
  });
});
