// A commit that readers cannot see yet (an older transaction is still open) must be picked up as
// soon as that transaction ends, though its end sends no notification: the subscription polls
// quickly while the store reports hidden events, instead of waiting for its poll interval.
import { PostgresEventStore, type RecordedEvent } from '#event-store';
import { Pool } from 'pg';
import { createTestDatabase, endPool, type TestDatabase } from '../support/database.js';
import { newEvent, uniquePrefix } from './conformance-fixtures.js';

describe('PostgreSQL subscription and hidden events', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 6 });
  });
  afterAll(async () => {
    await endPool(pool);
    await database.drop();
  });

  it('delivers a commit hidden by an older open transaction right after that transaction ends', async () => {
    // a poll interval far beyond the test's timeout: only the hidden-events polling can deliver in time
    const store = new PostgresEventStore(pool, undefined, { pollIntervalMs: 600_000 });
    const streamId = `${uniquePrefix()}hidden`;
    const received: RecordedEvent[] = [];
    const subscription = store.subscribe({
      after: await store.headPosition(),
      streamPrefixes: [streamId],
      onEvents: async (events) => {
        received.push(...events);
      },
    });
    const older = await pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()'); // holds the oldest transaction id open
      await store.append(streamId, [newEvent()], { expectedRevision: 'no_stream' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toEqual([]); // committed, but not deliverable before the older transaction ends
      await older.query('COMMIT');
      const deadline = Date.now() + 5000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received.map((event) => event.streamId)).toEqual([streamId]);
    } finally {
      older.release();
      await subscription.stop();
    }
  });
});
