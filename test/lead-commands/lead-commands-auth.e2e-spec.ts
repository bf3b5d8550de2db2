// 401 without a valid key and 403 for a role that may not use the route, on every command route,
// before anything is read or appended.
import { auth, startTestApp, type TestApp } from '../support/test-app.js';
import { ALL_ROLES, COMMAND_ROUTES } from './command-routes.js';
import { capture } from './lead-fixtures.js';

describe('command routes: authentication and roles', () => {
  let t: TestApp;
  let leadId: string;
  beforeAll(async () => {
    t = await startTestApp();
    leadId = await capture(t.http, 'auth@example.com');
  });
  afterAll(async () => { await t.close(); });

  const eventCount = async (): Promise<number> => Number((await t.db.pool.query('SELECT count(*) FROM es_events')).rows[0].count);

  it.each(COMMAND_ROUTES.map((route) => [route.method.toUpperCase(), route.path('{id}'), route] as const))('%s %s without a key or with a wrong one → 401', async (_m, _p, route) => {
    const before = await eventCount();
    const missing = await t.http[route.method](route.path(leadId)).send({}).expect(401);
    expect(missing.body).toMatchObject({ status: 401, title: expect.any(String) });
    await t.http[route.method](route.path(leadId)).set(auth('not-a-key')).send({}).expect(401);
    await t.http[route.method](route.path(leadId)).set('Authorization', 'Basic ZGV2LXNhbGVzOg==').send({}).expect(401);
    expect(await eventCount()).toBe(before);
  });

  const forbidden = COMMAND_ROUTES.flatMap((route) =>
    ALL_ROLES.filter((role) => !route.roles.includes(role)).map((role) => [route.method.toUpperCase(), route.path('{id}'), role, route] as const));

  it.each(forbidden)('%s %s as %s → 403', async (_m, _p, role, route) => {
    const before = await eventCount();
    const response = await t.http[route.method](route.path(leadId)).set(auth(`dev-${role}`)).send({}).expect(403);
    expect(response.body).toMatchObject({ status: 403, detail: expect.stringContaining('roles') });
    expect(await eventCount()).toBe(before);
  });

  it('API_KEYS replaces the development keys', async () => {
    const custom = await startTestApp({ API_KEYS: 'rep-key-123456=sales,boss-key-123456=leader+admin' });
    try {
      await custom.http.post('/v1/leads').set(auth('dev-sales')).send({}).expect(401);
      await custom.http.post('/v1/leads').set(auth('rep-key-123456')).send({ lead: { email: 'k@example.com' }, source: { channel: 'direct' } }).expect(201);
      const { rows } = await custom.db.pool.query(`SELECT metadata->>'actor' AS actor FROM es_events`);
      expect(rows).toEqual([{ actor: 'api-key:rep-…' }]);
    } finally {
      await custom.close();
    }
  });
});
