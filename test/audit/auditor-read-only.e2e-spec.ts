// An auditor reads everything and changes nothing: every route that is not a GET, found in the
// running app's router (so a route added later is covered too), answers 403 to the auditor's key.
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AUDITOR } from './audit-fixtures.js';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
/** A line of Fastify's print of its router: indentation, a path segment, the methods if a route ends there. */
const PRINTED_ROUTE = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \((.+)\))?$/;

/** The routes of one method, read from Fastify's own print of its router (a tree of path segments). */
const routesOf = (t: TestApp, method: string): string[] => {
  const ancestors: string[] = [];
  return t.app.getHttpAdapter().getInstance().printRoutes({ method: method.toUpperCase(), commonPrefix: false }).split('\n').flatMap((line) => {
    const match = PRINTED_ROUTE.exec(line);
    if (match === null) return [];
    const [, indent, segment, methods] = match;
    ancestors.length = indent.length / 4;
    ancestors.push(segment);
    return methods === undefined ? [] : [ancestors.join('')];
  });
};

const commandRoutes = (t: TestApp): { method: (typeof WRITE_METHODS)[number]; path: string }[] =>
  WRITE_METHODS.flatMap((method) => routesOf(t, method).map((path) => ({ method, path })));

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
      const response = await t.http[method](url).set(AUDITOR).send({});
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
    }
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM es_events');
    expect(rows).toEqual([{ n: 0 }]);
  });
});
