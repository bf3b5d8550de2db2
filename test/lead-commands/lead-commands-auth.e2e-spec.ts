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

  it('401 before the body is read: malformed JSON, a foreign content type or a huge body without a key is no 400, 415 or 413', async () => {
    const post = () => t.http.post('/v1/leads').set('Content-Type', 'application/json');
    expect((await post().send('{"lead":').expect(401)).body).toMatchObject({ status: 401 });
    await t.http.post('/v1/leads').set('Content-Type', 'text/plain').send('hello').expect(401);
    await post().send(JSON.stringify({ x: 'y'.repeat(3 * 1024 * 1024) })).expect(401);
    await t.http.post('/v1/marketing-events').set(auth('not-a-key')).set('Content-Type', 'application/json').send('{').expect(401);
    // with a key, the body's own error
    await post().set(auth('dev-sales')).send('{"lead":').expect(400);
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
      expect(rows).toEqual([{ actor: expect.stringMatching(/^api-key:rep-…[0-9a-f]{16}$/) }]);
    } finally {
      await custom.close();
    }
  });

  it('two keys that begin alike are two principals: one Idempotency-Key each, two commands, two actors', async () => {
    const custom = await startTestApp({ API_KEYS: 'acme-crm-1=sales,acme-crm-2=sales' });
    try {
      const send = (key: string, email: string) => custom.http.post('/v1/leads').set(auth(key)).set('Idempotency-Key', 'import-1')
        .send({ lead: { email }, source: { channel: 'direct' } });
      const first = await send('acme-crm-1', 'one@example.com').expect(201);
      // Before, both keys shared the namespace "acme…": a different body under the same key was a 422.
      const second = await send('acme-crm-2', 'two@example.com').expect(201);
      expect(second.body.leadId).not.toBe(first.body.leadId);
      const { rows } = await custom.db.pool.query(`SELECT metadata->>'actor' AS actor FROM es_events ORDER BY position`);
      expect(new Set(rows.map((row: { actor: string }) => row.actor)).size).toBe(2);
      expect(rows.map((row: { actor: string }) => row.actor).join()).not.toContain('crm-');
    } finally {
      await custom.close();
    }
  });
});
