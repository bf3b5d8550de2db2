// The KurrentDB adapter hashes in the client what the PostgreSQL adapter hashes in SQL: the same
// stored events, written to PostgreSQL, carry exactly the hashes the KurrentDB adapter computes.
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, storedEventHash } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { newEvent } from './conformance-fixtures.js';

describe('hash parity: KurrentDB adapter (client) vs PostgreSQL adapter (es_event_hash)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('gives every event of a chain the hash PostgreSQL stored for it', async () => {
    const store = new PostgresEventStore(database.pool);
    const streamId = `lead-${randomUUID()}`;
    const written = [
      newEvent({ data: { leadId: 'l-1', email: 'ada@example.com', score: 1.25, tags: ['a', 'b'], nested: { ü: 'ß', quote: '"\\' } } }),
      newEvent({ type: 'LeadNurtured', schemaVersion: 3, data: { leadId: 'l-1', track: 'emoji 🚀' } }),
      newEvent({ metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'key:sales', occurredAt: '2026-11-25T11:00:00.000Z', offset: 7 } }),
    ];
    await store.append(streamId, written.slice(0, 2), { expectedRevision: 'no_stream' });
    await store.append(streamId, written.slice(2), { expectedRevision: 2 });

    const read = await store.readStream(streamId);
    expect(read).toHaveLength(3);
    let previous: string | null = null;
    written.forEach((event, i) => {
      const hash = storedEventHash(streamId, i + 1, previous, event);
      expect(hash).toBe(read[i].hash);
      previous = hash;
    });
  });
});
