// Health, Prometheus and the OpenAPI document: what operators and integrators rely on.
import { randomUUID } from 'node:crypto';
import { SALES, startTestApp, type TestApp } from './support/test-app.js';
import { COMMAND_ROUTES } from './lead-commands/command-routes.js';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t.close(); });

  it('health: live and ready without a key', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } });
  });

  it('Prometheus metrics include HTTP request durations, by route template and the status answered', async () => {
    await t.http.get('/health/live');
    await t.http.get(`/v1/leads/${randomUUID()}`).set(SALES).expect(404);
    await t.http.get(`/v1/leads/${randomUUID()}`).expect(401);
    const metrics = await t.http.get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toContain('leadline_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/leadline_http_request_duration_seconds_count\{method="GET",route="\/v1\/leads\/:id",status="404"\} 1/);
    expect(metrics.text).toMatch(/leadline_http_request_duration_seconds_count\{method="GET",route="\/v1\/leads\/:id",status="401"\} 1/);
    expect(metrics.text).toMatch(/leadline_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(metrics.text).toContain('process_cpu_seconds_total');
  });

  it('OpenAPI describes every command route with its body and its errors', async () => {
    const { body: document } = await t.http.get('/docs/openapi.json').expect(200);
    for (const route of COMMAND_ROUTES) {
      const path = route.path('{id}').replace('2026-Q4', '{period}').replace('/q4/', '/{id}/');
      const operation = document.paths[path]?.[route.method];
      expect({ path, described: operation !== undefined }).toEqual({ path, described: true });
      expect(operation.requestBody).toBeDefined();
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    expect(document.components.schemas.QualifySalesDto.required).toEqual(expect.arrayContaining(['framework', 'criteria', 'amount', 'expectedCloseDate', 'products']));
    await t.http.get('/docs').expect(200).expect('Content-Type', /html/);
  });
});
