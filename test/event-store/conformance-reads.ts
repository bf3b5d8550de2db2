// Conformance: reading streams (directions, bounds, as-of), the global log's page edges, empty stores.
import { randomUUID } from 'node:crypto';
import { START } from '#event-store';
import { eventually, events, ids, newEvent, readAllPages, uniquePrefix } from './conformance-fixtures.js';
import type { EventStoreFactory, Subject } from './event-store-conformance.js';

export function describeReads(subject: Subject, factory: EventStoreFactory): void {
  describe('reading a stream', () => {
    const id = `read-${randomUUID()}`;
    const written = [
      newEvent({ occurredAt: '2026-01-01T00:00:00.000Z' }),
      newEvent({ occurredAt: '2026-02-01T00:00:00.000Z' }),
      newEvent({ occurredAt: '2026-03-01T00:00:00.000Z' }),
      newEvent({ occurredAt: '2026-04-01T00:00:00.000Z' }),
      newEvent({ occurredAt: '2026-05-01T00:00:00.000Z' }),
    ];
    beforeAll(async () => {
      await subject().store.append(id, written.slice(0, 2), { expectedRevision: 'no_stream' });
      await subject().store.append(id, written.slice(2), { expectedRevision: 2 });
    });

    it('returns every event as appended, forwards, with revisions and a hash chain', async () => {
      const read = await subject().store.readStream(id);
      expect(ids(read)).toEqual(ids(written));
      read.forEach((event, i) => {
        expect(event).toMatchObject({ ...written[i], streamId: id, revision: i + 1 });
        expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(event.previousHash).toBe(i === 0 ? null : read[i - 1].hash);
        // ISO 8601 in UTC with milliseconds, exactly as Date#toISOString writes it
        expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
      });
    });

    it('reads backwards, from a revision, and at most maxCount', async () => {
      const { store } = subject();
      const revisions = async (options: Parameters<typeof store.readStream>[1]): Promise<number[]> =>
        (await store.readStream(id, options)).map((event) => event.revision);
      expect(await revisions({ direction: 'backwards' })).toEqual([5, 4, 3, 2, 1]);
      expect(await revisions({ fromRevision: 3 })).toEqual([3, 4, 5]);
      expect(await revisions({ fromRevision: 3, maxCount: 2 })).toEqual([3, 4]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3 })).toEqual([3, 2, 1]);
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([5]);
      expect(await revisions({ fromRevision: 6 })).toEqual([]);
      expect(await revisions({ maxCount: 0 })).toEqual([]);
    });

    it('reads as of a time: only events that occurred up to it', async () => {
      const { store } = subject();
      const upTo = await store.readStream(id, { occurredUpTo: '2026-03-01T00:00:00.000Z' });
      expect(upTo.map((event) => event.revision)).toEqual([1, 2, 3]);
      expect(await store.readStream(id, { occurredUpTo: '2025-12-31T23:59:59.999Z' })).toEqual([]);
    });

    it('finds an event by id, and nothing for an unknown id', async () => {
      const { store } = subject();
      expect(await store.findEvent(written[3].eventId)).toMatchObject({ streamId: id, revision: 4 });
      expect(await store.findEvent(randomUUID())).toBeNull();
      expect(await store.findEvent('not-a-uuid')).toBeNull();
    });
  });

  describe('empty streams and stores', () => {
    it('a stream never written reads empty, at revision 0', async () => {
      const { store } = subject();
      const id = `missing-${randomUUID()}`;
      expect(await store.readStream(id)).toEqual([]);
      expect(await store.readStream(id, { direction: 'backwards' })).toEqual([]);
      expect(await store.streamRevision(id)).toBe(0);
    });

    it('an empty store has head START and an empty global log; the first event moves both', async () => {
      const empty = await factory();
      try {
        expect(await empty.store.headPosition()).toBe(START);
        expect(await empty.store.readAll({ after: START, limit: 10 })).toEqual({ events: [], next: START });
        const { position } = await empty.store.append('first', [newEvent()], { expectedRevision: 'no_stream' });
        await eventually(async () => expect(await empty.store.headPosition()).toBe(position));
        expect(position > START).toBe(true);
        expect(await empty.store.readAll({ after: position, limit: 10 })).toEqual({ events: [], next: position });
      } finally {
        await empty.close();
      }
    });
  });

  describe('global log pages', () => {
    it('pages end exactly at the last event, whatever the page size', async () => {
      const { store } = subject();
      const prefix = uniquePrefix();
      for (let i = 0; i < 4; i++) await store.append(`${prefix}${i}`, events(3), { expectedRevision: 'no_stream' });
      // Readers see a commit once every older transaction of the server has ended: wait for it.
      await eventually(async () => expect(await readAllPages(store, prefix, 100)).toHaveLength(12));
      const expected = ids(await readAllPages(store, prefix, 100));
      for (const pageSize of [1, 3, 5, 12, 13]) expect(ids(await readAllPages(store, prefix, pageSize))).toEqual(expected);

      const exact = await store.readAll({ after: START, limit: 12, streamPrefixes: [prefix] });
      expect(exact.events).toHaveLength(12);
      expect(exact.next).toBe(exact.events[11].position);
      expect(await store.readAll({ after: exact.next, limit: 12, streamPrefixes: [prefix] })).toEqual({ events: [], next: exact.next });
    });

    it('filters by stream prefix', async () => {
      const { store } = subject();
      const [a, b] = [uniquePrefix(), uniquePrefix()];
      await store.append(`${a}1`, events(2), { expectedRevision: 'no_stream' });
      await store.append(`${b}1`, events(1), { expectedRevision: 'no_stream' });
      await eventually(async () => {
        const both = await store.readAll({ after: START, limit: 100, streamPrefixes: [a, b] });
        expect(both.events.map((event) => event.streamId).sort()).toEqual([`${a}1`, `${a}1`, `${b}1`].sort());
      });
    });
  });
}
