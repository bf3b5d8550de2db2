// Reading the store stream by stream up to a head, as a rebuild's replay does before it reads what
// arrived meanwhile in delivery order: together the two reads must give every event exactly once,
// each stream's in revision order, however the streams' appends were interleaved.
import { PostgresEventStore, type RecordedEvent, type StreamCursor } from '#event-store';
import { Pool } from 'pg';
import { createTestDatabase, endPool, type TestDatabase } from '../support/database.js';
import { newEvent } from './conformance-fixtures.js';

const place = (event: RecordedEvent): string => `${event.streamId}@${event.revision}`;

describe('PostgreSQL reads stream by stream', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeEach(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    store = new PostgresEventStore(pool);
  });
  afterEach(async () => {
    await endPool(pool);
    await database.drop();
  });

  /** Appends one event to each stream in turn: b, a, b, a, c. */
  const interleave = async (): Promise<void> => {
    for (const [streamId, revision] of [['b', 0], ['a', 0], ['b', 1], ['a', 1], ['c', 0]] as const) {
      await store.append(streamId, [newEvent()], { expectedRevision: revision === 0 ? 'no_stream' : revision });
    }
  };

  const byStreamInPages = async (upTo: string, limit: number): Promise<RecordedEvent[]> => {
    const read: RecordedEvent[] = [];
    let after: StreamCursor | null = null;
    for (;;) {
      const page = await store.readAllByStream({ upTo, after, limit });
      expect(page.events.length).toBeLessThanOrEqual(limit);
      read.push(...page.events);
      if (page.events.length === 0) {
        expect(page.next).toEqual(after);
        return read;
      }
      after = page.next;
    }
  };

  it('gives each stream whole and in revision order, the streams in the order they began, in pages of any size, up to the head only', async () => {
    await interleave();
    const head = await store.headPosition();
    await store.append('a', [newEvent()], { expectedRevision: 2 }); // after the head
    await store.append('0', [newEvent()], { expectedRevision: 'no_stream' }); // after the head, and first by its id
    for (const limit of [1, 2, 3, 5, 6]) {
      expect((await byStreamInPages(head, limit)).map(place)).toEqual(['b@1', 'b@2', 'a@1', 'a@2', 'c@1']);
    }
    const first = await store.readAllByStream({ upTo: head, after: null, limit: 3 });
    expect(first.next).toEqual({ streamStart: expect.stringMatching(/^\d+$/), revision: 1 }); // after a@1
    expect((await store.readAllByStream({ upTo: head, after: first.next, limit: 1 })).events.map(place)).toEqual(['a@2']);
    expect((await store.readAll({ after: head, limit: 10 })).events.map(place)).toEqual(['a@3', '0@1']);
  });

  it('reads the same events as delivery order, each as readAll gives it', async () => {
    await interleave();
    const head = await store.headPosition();
    const inOrder = (await store.readAll({ after: '0', limit: 100 })).events;
    const byStream = await byStreamInPages(head, 100);
    expect([...byStream].sort((x, y) => (x.position < y.position ? -1 : 1))).toEqual(inOrder);
  });

  it('leaves an event out that a transaction older than the head still hides: the read after the head gives it', async () => {
    await store.append('seen', [newEvent()], { expectedRevision: 'no_stream' });
    const older = await pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()'); // holds the oldest transaction id open
      await store.append('hidden', [newEvent()], { expectedRevision: 'no_stream' });
      const head = await store.headPosition();
      expect((await byStreamInPages(head, 10)).map(place)).toEqual(['seen@1']);
      await older.query('COMMIT');
      expect((await store.readAll({ after: head, limit: 10 })).events.map(place)).toEqual(['hidden@1']);
    } finally {
      older.release();
    }
  });

  it('reads nothing up to the start of an empty store', async () => {
    expect(await store.readAllByStream({ upTo: await store.headPosition(), after: null, limit: 10 })).toEqual({ events: [], next: null });
  });
});
