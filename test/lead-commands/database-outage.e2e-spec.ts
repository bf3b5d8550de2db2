// The database being away is an outage, not the client's fault: 503 with Retry-After, never a 500.
import { freePort } from '../support/free-port.js';
import { createStandaloneApp } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import request from 'supertest';
import { SALES } from '../support/test-app.js';
import { captureBody } from './lead-fixtures.js';

describe('database unavailable', () => {
  it('answers commands with 503 and Retry-After, and readiness with 503', async () => {
    const deadUrl = `postgres://postgres@127.0.0.1:${await freePort()}/gone`;
    const app = await createStandaloneApp(loadStandaloneConfig({ NODE_ENV: 'test' }), deadUrl, false);
    try {
      const response = await request(app.getHttpServer()).post('/v1/leads').set(SALES).send(captureBody('outage@example.com')).expect(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(ready.body.checks.database.status).toBe('unavailable');
      await request(app.getHttpServer()).get('/health/live').expect(200);
    } finally {
      await app.close();
    }
  });
});
