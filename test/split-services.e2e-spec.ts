// The three services run apart over one database: a command on the lead-service is projected by the
// projector and read from the query-service; each refuses to start without DATABASE_URL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createServiceApp } from '#platform';
import { LEAD_SERVICE } from '../apps/lead-service/src/lead-service.service.js';
import { PROJECTOR } from '../apps/projector/src/projector.service.js';
import { QUERY_SERVICE } from '../apps/query-service/src/query-service.service.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { expectEventually } from './support/expect-eventually.js';

describe('split services', () => {
  let db: TestDatabase;
  const apps: NestFastifyApplication[] = [];
  const env = { NODE_ENV: 'test' };

  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.drop();
  });

  const start = async (app: Promise<NestFastifyApplication>): Promise<NestFastifyApplication> => {
    const started = await app;
    apps.push(started);
    return started;
  };

  it('commands on one, projections on another, reads from the third', async () => {
    const leadService = await start(createServiceApp(LEAD_SERVICE, LEAD_SERVICE.loadConfig(env), db.url, false));
    const queryService = await start(createServiceApp(QUERY_SERVICE, QUERY_SERVICE.loadConfig(env), db.url, false));
    // The read side alone serves no commands, and the command side no reads.
    await request(queryService.getHttpServer()).post('/v1/leads').set('Authorization', 'Bearer dev-sales').send({}).expect(404);
    await request(leadService.getHttpServer()).get('/v1/metrics/funnel').set('Authorization', 'Bearer dev-leader').expect(404);

    const created = await request(leadService.getHttpServer()).post('/v1/leads').set('Authorization', 'Bearer dev-sales')
      .send({ lead: { email: 'split@example.com' }, source: { channel: 'partner' } }).expect(201);
    const leadId = created.body.leadId as string;

    await start(createServiceApp(PROJECTOR, PROJECTOR.loadConfig(env), db.url, false));
    const lead = await expectEventually(async () =>
      (await request(queryService.getHttpServer()).get(`/v1/leads/${leadId}`).set('Authorization', 'Bearer dev-sales').expect(200)).body, 15_000);
    expect(lead).toMatchObject({ id: leadId, stage: 'lead', source: { channel: 'partner' }, revision: 1 });
  });

  it.each([
    ['lead-service', 'apps/lead-service/src/main.js'],
    ['projector', 'apps/projector/src/main.js'],
    ['query-service', 'apps/query-service/src/main.js'],
  ])('%s refuses to start without DATABASE_URL, naming it', (_name, main) => {
    const { DATABASE_URL: _unset, ...rest } = process.env;
    const run = spawnSync(process.execPath, [join(__dirname, '..', 'dist', main)], { env: { ...rest, NODE_ENV: 'test' }, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL must be set');
  });
});
