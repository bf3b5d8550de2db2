// POST /v1/marketing-events through HTTP: single messages, JSON and NDJSON batches, invalid input,
// durable dedupe by messageId, roles.
import { leadIdFromEmail, leadStreamName } from '#domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { auth, SALES, startTestApp, storedEventTypes, type TestApp } from '../support/test-app.js';
import { captured, engaged, invalid, unsubscribed, updated } from './marketing-fixtures.js';

const MARKETING = auth('dev-marketing');

describe('POST /v1/marketing-events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** Through the app's store, so personal fields come back decoded. */
  const stream = (leadId: string): Promise<readonly RecordedEvent[]> => t.app.get<EventStore>(EVENT_STORE).readStream(leadStreamName(leadId));
  const post = (body: unknown) => t.http.post('/v1/marketing-events').set(MARKETING).send(body as object);

  it('captures a lead once: a re-sent messageId answers duplicate and appends nothing', async () => {
    const message = captured('Ada@Example.com', 0);
    const leadId = leadIdFromEmail('ada@example.com');
    expect((await post(message).expect(202)).body).toEqual({ leadId, duplicate: false });
    expect((await post(message).expect(202)).body).toEqual({ leadId, duplicate: true });
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured']);

    const [event] = await stream(leadId);
    expect(event.metadata).toMatchObject({ actor: 'api-key:dev-marketing', correlationId: message.messageId, occurredAt: message.occurredAt });
    expect(event.data).toMatchObject({ occurredAt: message.occurredAt, source: { channel: 'event', campaignId: 'q4-webinar' } });
  });

  it('maps each message type: an engagement of an unknown email captures it first (direct), unsubscribe is an engagement', async () => {
    const email = 'grace@example.com';
    const leadId = leadIdFromEmail(email);
    await post(engaged(email, 1)).expect(202);
    await post(updated(email, 'CTO', 2)).expect(202);
    await post(unsubscribed(email, 3)).expect(202);
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'EngagementRecorded', 'LeadDetailsUpdated', 'EngagementRecorded']);
    expect((await stream(leadId)).map((event) => event.data)).toEqual([
      expect.objectContaining({ source: { channel: 'direct' } }),
      expect.objectContaining({ engagement: { kind: 'web_visit', url: 'https://example.com/1' } }),
      expect.objectContaining({ changes: { title: 'CTO' } }),
      expect.objectContaining({ engagement: { kind: 'unsubscribe' } }),
    ]);
  });

  it('answers 400 naming every invalid field, and type rules by path', async () => {
    const response = await post(invalid()).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['lead.email', 'occurredAt', 'source']);

    const wrongKind = { ...unsubscribed('x@example.com'), engagement: { kind: 'web_visit' }, extra: 1 };
    const fields = (await post(wrongKind).expect(400)).body.errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['engagement.kind', 'extra']);
    await post('"just a string"').set('Content-Type', 'application/json').expect(400);
  });

  it('answers 400 for a NUL character or deep nesting, alone or in a batch, and stores nothing', async () => {
    const nul = { ...captured('nul@example.com', 0), source: { channel: 'event', campaignId: 'c\u0000x' } };
    expect((await post(nul).expect(400)).body.errors).toEqual([{ field: 'source.campaignId', message: expect.stringContaining('U+0000') }]);
    const deep = JSON.stringify(captured('deep@example.com', 0)).replace(/}$/, `,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const batch = await post(`[${deep},${JSON.stringify(captured('shallow@example.com', 0))}]`).set('Content-Type', 'application/json').expect(207);
    expect(batch.body.results.map((result: { status: number }) => result.status)).toEqual([400, 202]);
    expect(batch.body.results[0].errors).toEqual([{ field: expect.stringMatching(/^x(\.0)+$/), message: expect.stringContaining('nested deeper') }]);
    expect(await storedEventTypes(t.db, leadIdFromEmail('nul@example.com'))).toEqual([]);
    expect(await storedEventTypes(t.db, leadIdFromEmail('deep@example.com'))).toEqual([]);
  });

  it('answers a JSON array batch per message, in order per lead, with 207 when not all were accepted', async () => {
    const email = 'batch@example.com';
    const leadId = leadIdFromEmail(email);
    const first = captured(email, 0);
    const batch = [first, engaged(email, 1, 'https://example.com/a'), invalid('bad-1'), first, engaged(email, 2, 'https://example.com/b'), engaged('other@example.com', 0)];
    const response = await post(batch).expect(207);
    expect(response.body).toMatchObject({ accepted: 5, duplicates: 1, failed: 1 });
    expect(response.body.results.map((result: { status: number }) => result.status)).toEqual([202, 202, 400, 202, 202, 202]);
    expect(response.body.results[2]).toMatchObject({ index: 2, messageId: 'bad-1', errors: expect.arrayContaining([expect.objectContaining({ field: 'lead.email' })]) });
    expect(response.body.results[3]).toMatchObject({ leadId, duplicate: true });
    const engagements = (await stream(leadId)).filter((event) => event.type === 'EngagementRecorded');
    expect(engagements.map((event) => (event.data.engagement as { url: string }).url)).toEqual(['https://example.com/a', 'https://example.com/b']);

    const again = await post(batch.filter((_message, index) => index !== 2)).expect(202);
    expect(again.body.results.every((result: { duplicate: boolean }) => result.duplicate)).toBe(true);
    expect(await storedEventTypes(t.db, leadId)).toEqual(['LeadCaptured', 'EngagementRecorded', 'EngagementRecorded']);
  });

  it('takes NDJSON, a malformed line failing alone', async () => {
    const lines = [captured('nd1@example.com'), captured('nd2@example.com')].map((message) => JSON.stringify(message));
    const ok = await t.http.post('/v1/marketing-events').set(MARKETING).set('Content-Type', 'application/x-ndjson').send(`${lines.join('\n')}\n`).expect(202);
    expect(ok.body).toMatchObject({ accepted: 2, duplicates: 0, failed: 0 });

    const mixed = await t.http.post('/v1/marketing-events').set(MARKETING).set('Content-Type', 'application/x-ndjson')
      .send(`${lines[0]}\n{not json\n${JSON.stringify(captured('nd3@example.com'))}`).expect(207);
    expect(mixed.body.results.map((result: { status: number }) => result.status)).toEqual([202, 400, 202]);
    expect(mixed.body.results[0].duplicate).toBe(true);
    expect(mixed.body.results[1].errors).toEqual([{ field: 'message', message: 'is not valid JSON' }]);
  });

  it('refuses an empty batch and one over 500 messages', async () => {
    await post([]).expect(400);
    const tooMany = Array.from({ length: 501 }, (_unused, index) => captured(`many${index}@example.com`));
    const response = await post(tooMany).expect(400);
    expect(response.body.errors).toEqual([{ field: 'body', message: 'holds 501 messages; at most 500 per request' }]);
  });

  it('takes a full batch of 500', async () => {
    const full = Array.from({ length: 500 }, (_unused, index) => engaged(`full${index % 50}@example.com`, index));
    const response = await post(full).expect(202);
    expect(response.body).toMatchObject({ accepted: 500, duplicates: 0, failed: 0 });
    expect(await storedEventTypes(t.db, leadIdFromEmail('full7@example.com'))).toHaveLength(11);
  });

  it('needs the marketing role', async () => {
    await t.http.post('/v1/marketing-events').send(captured('r@example.com')).expect(401);
    await t.http.post('/v1/marketing-events').set(SALES).send(captured('r@example.com')).expect(403);
  });
});
