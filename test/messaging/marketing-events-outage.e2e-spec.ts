// POST /v1/marketing-events while the database is away (a cut TCP proxy): a single message answers
// 503 with Retry-After, a batch 207 with 503 for every message (each lead's messages were tried as
// one append); nothing is half-applied, and re-sending after the outage lands every message once.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { leadIdFromEmail } from '#domain';
import { createStandaloneApp } from '../../apps/standalone/src/create-standalone-app.js';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { proxiedDatabaseUrl, type TcpProxy } from '../support/tcp-proxy.js';
import { auth, storedEventTypes } from '../support/test-app.js';
import { captured, engaged } from './marketing-fixtures.js';

const MARKETING = auth('dev-marketing');

describe('POST /v1/marketing-events with the database away', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    const proxied = await proxiedDatabaseUrl(db.url);
    proxy = proxied.proxy;
    app = await createStandaloneApp(loadStandaloneConfig({ NODE_ENV: 'test' }), proxied.url, false);
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  const post = (body: object) => request(app.getHttpServer()).post('/v1/marketing-events').set(MARKETING).send(body);
  const eventCount = async (): Promise<number> => Number((await db.pool.query<{ count: string }>('SELECT count(*) FROM es_events')).rows[0].count);

  it('answers 503 + Retry-After for one message and per message for a batch; applies nothing half; a re-send lands each once', async () => {
    const emails = ['down1@example.com', 'down2@example.com', 'down3@example.com'];
    const batch = emails.flatMap((email) => [captured(email, 0), engaged(email, 1), engaged(email, 2)]);
    const single = engaged('down-single@example.com', 0);
    const before = await eventCount();

    proxy.cut();
    try {
      const one = await post(single).expect(503);
      expect(one.headers['retry-after']).toBeDefined();
      expect(one.body).toMatchObject({ status: 503 });

      const many = await post(batch).expect(207);
      expect(many.body).toMatchObject({ accepted: 0, duplicates: 0, failed: batch.length });
      // Each lead's messages go out as one append: every one of them was tried, and failed, as one.
      expect(many.body.results.map((result: { status: number }) => result.status)).toEqual(batch.map(() => 503));
      expect(many.body.results[4]).toMatchObject({ index: 4, messageId: batch[4].messageId, status: 503 });
    } finally {
      proxy.restore();
    }
    expect(await eventCount()).toBe(before);

    expect((await post(single).expect(202)).body).toEqual({ leadId: leadIdFromEmail('down-single@example.com'), duplicate: false });
    const again = await post(batch).expect(202);
    expect(again.body).toMatchObject({ accepted: batch.length, duplicates: 0, failed: 0 });
    for (const email of emails) {
      expect(await storedEventTypes(db, leadIdFromEmail(email))).toEqual(['LeadCaptured', 'EngagementRecorded', 'EngagementRecorded']);
    }
    expect(await eventCount()).toBe(before + 2 + batch.length);
  });
});
