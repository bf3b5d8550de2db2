// The NDJSON export of the global log: every event once, in delivery order, across pages, and
// resumable from the last position a client received.
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, type NewEvent } from '#event-store';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AUDITOR, liveWholeLife } from './audit-fixtures.js';

interface Line {
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
}

const planningEvent = (index: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'CampaignCostRecorded',
  schemaVersion: 1,
  data: { campaignId: `c-${index}`, period: '2026-10', amount: { value: index, currency: 'EUR' }, occurredAt: '2026-10-01T00:00:00Z' },
  metadata: { correlationId: 'export-test', causationId: null, actor: 'system:test', occurredAt: '2026-10-01T00:00:00Z' },
});

describe('NDJSON export of the global log', () => {
  let t: TestApp;
  let total: number;
  const exportLines = async (query: Record<string, string | number> = {}): Promise<Line[]> => {
    const response = await t.http.get('/v1/audit/events').query(query).set(AUDITOR).buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
        res.on('end', () => done(null, text));
      }).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const text = response.body as string;
    return text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as Line);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await liveWholeLife(t.http, 'exported@example.com');
    // More than one page (500) of events, written straight to the store.
    const store = new PostgresEventStore(t.db.pool);
    for (let batch = 0; batch < 12; batch++) {
      await store.append(`planning-export-${batch}`, Array.from({ length: 50 }, (_, i) => planningEvent(batch * 50 + i)), { expectedRevision: 'no_stream' });
    }
    total = 7 + 600;
  });
  afterAll(async () => { await t.close(); });

  it('exports every event once, in delivery order, as one JSON object per line', async () => {
    const lines = await exportLines();
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((line) => line.position)).size).toBe(total);
    lines.slice(1).forEach((line, index) => expect(line.position > lines[index].position).toBe(true));
    expect(lines[0]).toMatchObject({ type: 'LeadCaptured', revision: 1, actor: 'api-key:dev-sales', hash: expect.any(String), data: { profile: { email: 'exported@example.com' } } });
  });

  it('resumes after the last position received, so pieces add up to the whole', async () => {
    const whole = await exportLines();
    const first = await exportLines({ limit: 5 });
    expect(first).toEqual(whole.slice(0, 5));
    const second = await exportLines({ fromPosition: first[4].position, limit: 600 });
    const rest = await exportLines({ fromPosition: second.at(-1)?.position as string });
    expect([...first, ...second, ...rest]).toEqual(whole);
    expect(await exportLines({ fromPosition: whole.at(-1)?.position as string })).toEqual([]);
  });

  it('refuses a position this log never gave, and bad limits, before streaming anything', async () => {
    for (const [query, field] of [[{ fromPosition: 'yesterday' }, 'fromPosition'], [{ limit: 0 }, 'limit'], [{ limit: 'all' }, 'limit']] as const) {
      const response = await t.http.get('/v1/audit/events').query(query).set(AUDITOR).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
