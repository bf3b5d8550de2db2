// An auditor reads everything and changes nothing: every route that is not a GET, found in the
// running app's router (so a route added later is covered too), answers 403 to the auditor's key.
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AUDITOR } from './audit-fixtures.js';

interface RouteLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

const commandRoutes = (t: TestApp): { method: string; path: string }[] => {
  const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: readonly RouteLayer[] } }).router;
  return router.stack.flatMap((layer) => (layer.route === undefined ? [] : Object.keys(layer.route.methods)
    .filter((method) => !['get', 'head', 'options'].includes(method))
    .map((method) => ({ method, path: (layer.route as { path: string }).path }))));
};

describe('the auditor role', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('gets 403 on every command route and appends nothing', async () => {
    const routes = commandRoutes(t);
    expect(routes).toEqual(expect.arrayContaining([
      { method: 'post', path: '/v1/leads' },
      { method: 'post', path: '/v1/leads/:id/qualify-sales' },
      { method: 'put', path: '/v1/leads/:id/owner' },
      { method: 'post', path: '/v1/leads/:id/erase-personal-data' },
      { method: 'put', path: '/v1/targets/:period' },
    ]));
    const leadId = randomUUID();
    for (const { method, path } of routes) {
      const url = path.replace(/:\w+/g, (param) => (param === ':id' ? leadId : 'x'));
      const response = await t.http[method as 'post' | 'put' | 'patch' | 'delete'](url).set(AUDITOR).send({});
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
    }
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM es_events');
    expect(rows).toEqual([{ n: 0 }]);
  });
});
