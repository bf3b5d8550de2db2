// es_append_streams writes most appends of a call in one INSERT, from stream heads read just
// before it. What one store's coalescer never produces is checked here: appends of one call
// to the same stream, and other processes (another pool, another coalescer) writing the same
// streams between the head read and the insert.
import { PostgresEventStore, PostgresHashChainVerifier, WrongExpectedRevision, type StreamAppendOutcome } from '#event-store';
import { Pool } from 'pg';
import { createTestDatabase, endPool, type TestDatabase } from '../support/database.js';
import { events, newEvent, uniquePrefix } from './conformance-fixtures.js';

const RACE_MS = 2000;
const STREAMS = 6;

describe('PostgreSQL appends of many streams in one statement', () => {
  let database: TestDatabase;
  const pools: Pool[] = [];
  const store = (): PostgresEventStore => {
    const pool = new Pool({ connectionString: database.url, max: 8 });
    pools.push(pool);
    return new PostgresEventStore(pool);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map(endPool));
    await database.drop();
  });

  it('appends of one call to the same stream go in call order, each checked against the one before', async () => {
    const writer = store();
    const [shared, other] = [`${uniquePrefix()}shared`, `${uniquePrefix()}other`];
    const outcomes = await writer.appendMany([
      { streamId: shared, events: events(2), expectedRevision: 'no_stream' },
      { streamId: other, events: [newEvent()], expectedRevision: 'no_stream' },
      { streamId: shared, events: [newEvent()], expectedRevision: 2 },
      { streamId: shared, events: [newEvent()], expectedRevision: 2 }, // stale: the one before moved it to 3
    ]);
    expect(outcomes.slice(0, 3).map((outcome) => 'appended' in outcome && outcome.appended.nextRevision)).toEqual([2, 1, 3]);
    expect(outcomes[3]).toMatchObject({ error: { streamId: shared, expected: 2, actual: 3 } });
    const read = await writer.readStream(shared);
    expect(read.map((event) => event.revision)).toEqual([1, 2, 3]);
    read.forEach((event, i) => expect(event.previousHash).toBe(i === 0 ? null : read[i - 1].hash));
    // delivery order (global positions, fixed-width text) follows revisions within the stream
    expect(await new PostgresHashChainVerifier(database.pool).verify(shared)).toMatchObject({ valid: true, eventsChecked: 3 });
    expect([...read].sort((a, b) => (a.position < b.position ? -1 : 1)).map((event) => event.revision)).toEqual([1, 2, 3]);
  });

  it('two processes racing multi-stream calls on the same streams: gap-free chains, every acknowledged event stored once', async () => {
    const writers = [store(), store()];
    const prefix = uniquePrefix();
    const streamIds = Array.from({ length: STREAMS }, (_, i) => `${prefix}${i}`);
    const acknowledged = new Map<string, string[]>(streamIds.map((id) => [id, []]));
    const unexpected: unknown[] = [];
    let conflicts = 0;
    const deadline = Date.now() + RACE_MS;
    // 'any' appends always land; exact ones conflict whenever the other process got there first
    await Promise.all(writers.flatMap((writer, w) => Array.from({ length: 4 }, async (_, lane) => {
      const known = new Map<string, number>();
      while (Date.now() < deadline) {
        const picked = streamIds.filter((_, i) => (i + lane + w) % 2 === 0 || Math.random() < 0.3);
        const appends = picked.map((streamId, i) => ({
          streamId,
          events: i % 3 === 0 ? events(2) : [newEvent()],
          expectedRevision: (i + lane) % 2 === 0 ? ('any' as const) : (known.get(streamId) ?? 0),
        }));
        const outcomes: StreamAppendOutcome[] = await writer.appendMany(appends);
        outcomes.forEach((outcome, i) => {
          const { streamId, events: sent } = appends[i];
          if ('appended' in outcome) {
            known.set(streamId, outcome.appended.nextRevision);
            acknowledged.get(streamId)?.push(...sent.map((event) => event.eventId));
          } else if (outcome.error instanceof WrongExpectedRevision) {
            conflicts += 1;
            known.set(streamId, outcome.error.actual);
          } else {
            unexpected.push(outcome.error);
          }
        });
      }
    })));

    expect(unexpected).toEqual([]);
    expect(conflicts).toBeGreaterThan(0);
    for (const streamId of streamIds) {
      const read = await writers[0].readStream(streamId);
      expect(read.map((event) => event.revision)).toEqual(read.map((_, i) => i + 1));
      read.forEach((event, i) => expect(event.previousHash).toBe(i === 0 ? null : read[i - 1].hash));
      expect(read.map((event) => event.eventId).sort()).toEqual([...(acknowledged.get(streamId) ?? [])].sort());
      // the hashes the bulk insert chained are the ones the stored form gives
      expect(await new PostgresHashChainVerifier(database.pool).verify(streamId)).toMatchObject({ valid: true, eventsChecked: read.length });
    }
  });
});
