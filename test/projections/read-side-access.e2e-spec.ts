// Who may read what (API.md "Roles"): every query route, and the projections admin routes.
import { auth, startTestApp, type TestApp } from '../support/test-app.js';

const LEAD = '6f1c1f1e-0000-4000-8000-000000000000';
const QUERY_ROUTES = [`/v1/leads`, `/v1/leads/${LEAD}`, `/v1/leads/${LEAD}/score`, '/v1/signals?ownerId=rep-1', '/v1/pipelines'];

describe('read side access', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(QUERY_ROUTES)('%s: 401 without a key, 403 for marketing and admin, allowed for sales, leader and auditor', async (route) => {
    await t.http.get(route).expect(401);
    await t.http.get(route).set(auth('nope')).expect(401);
    for (const key of ['dev-marketing', 'dev-admin']) await t.http.get(route).set(auth(key)).expect(403);
    for (const key of ['dev-sales', 'dev-leader', 'dev-auditor']) {
      const response = await t.http.get(route).set(auth(key));
      expect([200, 404]).toContain(response.status);
    }
  });

  it('lets only admins list projections and start a rebuild', async () => {
    for (const key of ['dev-sales', 'dev-leader', 'dev-auditor', 'dev-marketing']) {
      await t.http.get('/v1/admin/projections').set(auth(key)).expect(403);
      await t.http.post('/v1/admin/projections/leads/rebuild').set(auth(key)).expect(403);
    }
    const list = await t.http.get('/v1/admin/projections').set(auth('dev-admin')).expect(200);
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['leads', 'funnel', 'auto-qualification']);
    expect(list.body.items[0]).toMatchObject({ checkpoint: expect.any(String), lag: { events: expect.any(Number), seconds: expect.any(Number) }, state: expect.any(String) });

    await t.http.post('/v1/admin/projections/nope/rebuild').set(auth('dev-admin')).expect(404);
    await t.http.post('/v1/admin/projections/auto-qualification/rebuild').set(auth('dev-admin')).expect(400);
  });

  it('exports each projection\'s lag to Prometheus', async () => {
    const scrape = await t.http.get('/metrics').expect(200);
    expect(scrape.text).toMatch(/leadline_projection_lag_events\{projection="leads"\} \d+/);
    expect(scrape.text).toMatch(/leadline_projection_lag_seconds\{projection="funnel"\} [\d.]+/);
  });
});
