// Conformance: expected revisions, idempotent re-appends, duplicate ids, oversized events.
import { randomUUID } from 'node:crypto';
import { DuplicateEventId, EventTooLarge, WrongExpectedRevision } from '#event-store';
import { events, newEvent } from './conformance-fixtures.js';
import type { Subject } from './event-store-conformance.js';

export function describeAppends(subject: Subject): void {
  const stream = (): string => `append-${randomUUID()}`;

  describe('expected revision', () => {
    it('no_stream creates a stream; revisions count from 1', async () => {
      const { store } = subject();
      const id = stream();
      const first = await store.append(id, [newEvent()], { expectedRevision: 'no_stream' });
      expect(first).toMatchObject({ nextRevision: 1, written: true });
      const next = await store.append(id, events(2), { expectedRevision: 1 });
      expect(next).toMatchObject({ nextRevision: 3, written: true });
      expect(next.position > first.position).toBe(true);
    });

    it('refuses every mismatch with WrongExpectedRevision carrying expected and actual', async () => {
      const { store } = subject();
      const id = stream();
      await expect(store.append(id, [newEvent()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
        name: 'WrongExpectedRevision', streamId: id, expected: 'stream_exists', actual: 0,
      });
      await expect(store.append(id, [newEvent()], { expectedRevision: 2 })).rejects.toMatchObject({ expected: 2, actual: 0 });
      await store.append(id, events(2), { expectedRevision: 'no_stream' });
      const errors = await Promise.all([
        store.append(id, [newEvent()], { expectedRevision: 'no_stream' }).catch((e: unknown) => e),
        store.append(id, events(2), { expectedRevision: 1 }).catch((e: unknown) => e),
        store.append(id, [newEvent()], { expectedRevision: 3 }).catch((e: unknown) => e),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: id, actual: 2 });
      }
      expect(await store.streamRevision(id)).toBe(2);
    });

    it('any and stream_exists append at the end', async () => {
      const { store } = subject();
      const id = stream();
      expect(await store.append(id, [newEvent()], { expectedRevision: 'any' })).toMatchObject({ nextRevision: 1 });
      expect(await store.append(id, events(2), { expectedRevision: 'stream_exists' })).toMatchObject({ nextRevision: 3 });
      expect(await store.append(id, [newEvent()], { expectedRevision: 'any' })).toMatchObject({ nextRevision: 4 });
    });
  });

  describe('idempotency', () => {
    it('re-appending stored events at the same revisions succeeds and writes nothing', async () => {
      const { store } = subject();
      const id = stream();
      const one = newEvent();
      const batch = events(3);
      const first = await store.append(id, [one], { expectedRevision: 'no_stream' });
      const second = await store.append(id, batch, { expectedRevision: 1 });
      await store.append(id, [newEvent()], { expectedRevision: 4 });

      expect(await store.append(id, [one], { expectedRevision: 'no_stream' })).toEqual({ ...first, written: false });
      expect(await store.append(id, batch, { expectedRevision: 1 })).toEqual({ ...second, written: false });
      expect(await store.append(id, [one], { expectedRevision: 'any' })).toEqual({ ...first, written: false });
      expect(await store.streamRevision(id)).toBe(5);
    });

    it('refuses an event id stored elsewhere, writing none of the append', async () => {
      const { store } = subject();
      const [a, b] = [stream(), stream()];
      const event = newEvent();
      await store.append(a, [event], { expectedRevision: 'no_stream' });
      await expect(store.append(b, [event], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
        name: 'DuplicateEventId', eventId: event.eventId, storedIn: a, storedAt: 1,
      });
      await expect(store.append(b, [newEvent(), event], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventId);
      await expect(store.append(a, [event], { expectedRevision: 3 })).rejects.toBeInstanceOf(DuplicateEventId);
      expect(await store.streamRevision(b)).toBe(0);
    });

    it('refuses the same event id twice in one append', async () => {
      const { store } = subject();
      const id = stream();
      const event = newEvent();
      await expect(store.append(id, [event, event], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(DuplicateEventId);
      expect(await store.streamRevision(id)).toBe(0);
    });
  });

  describe('appendMany', () => {
    it('appends to several streams, each answered as append would answer it alone', async () => {
      const { store } = subject();
      const [a, b, c] = [stream(), stream(), stream()];
      await store.append(b, [newEvent()], { expectedRevision: 'no_stream' });
      const outcomes = await store.appendMany([
        { streamId: a, events: events(2), expectedRevision: 'no_stream' },
        { streamId: b, events: [newEvent()], expectedRevision: 1 },
        { streamId: c, events: [newEvent()], expectedRevision: 'any' },
      ]);
      expect(outcomes.map((outcome) => 'appended' in outcome && outcome.appended.nextRevision)).toEqual([2, 2, 1]);
      expect(await store.streamRevision(a)).toBe(2);
      expect(await store.streamRevision(b)).toBe(2);
      expect(await store.streamRevision(c)).toBe(1);
    });

    it('a conflict, a duplicate, a partial duplicate or an oversized event fails its append alone, writing none of it', async () => {
      const { store } = subject();
      const [stored, conflicting, duplicating, partial, huge, fine] = [stream(), stream(), stream(), stream(), stream(), stream()];
      const taken = newEvent();
      await store.append(stored, [taken], { expectedRevision: 'no_stream' });
      const oversized = newEvent({ data: { blob: 'x'.repeat(2 * 1024 * 1024) } });
      const outcomes = await store.appendMany([
        { streamId: conflicting, events: [newEvent()], expectedRevision: 3 },
        { streamId: duplicating, events: [taken], expectedRevision: 'no_stream' },
        { streamId: partial, events: [newEvent(), taken], expectedRevision: 'no_stream' },
        { streamId: huge, events: [newEvent(), oversized], expectedRevision: 'no_stream' },
        { streamId: fine, events: events(3), expectedRevision: 'no_stream' },
      ]);
      expect(outcomes[0]).toEqual({ error: expect.any(WrongExpectedRevision) });
      expect(outcomes[0]).toMatchObject({ error: { streamId: conflicting, expected: 3, actual: 0 } });
      expect(outcomes[1]).toMatchObject({ error: { name: 'DuplicateEventId', eventId: taken.eventId, storedIn: stored } });
      expect(outcomes[2]).toMatchObject({ error: { name: 'DuplicateEventId', eventId: taken.eventId } });
      expect(outcomes[3]).toMatchObject({ error: { name: 'EventTooLarge', eventId: oversized.eventId } });
      expect(outcomes[4]).toMatchObject({ appended: { nextRevision: 3, written: true } });
      for (const id of [conflicting, duplicating, partial, huge]) expect(await store.streamRevision(id)).toBe(0);
      expect(await store.streamRevision(fine)).toBe(3);
      // The partial append's first event was taken back: it can be appended anew.
      await expect(store.append(partial, [newEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({ nextRevision: 1 });
    });

    it('re-appending stored events answers written: false', async () => {
      const { store } = subject();
      const id = stream();
      const batch = events(2);
      const first = await store.append(id, batch, { expectedRevision: 'no_stream' });
      const [again] = await store.appendMany([{ streamId: id, events: batch, expectedRevision: 'no_stream' }]);
      expect(again).toEqual({ appended: { ...first, written: false } });
    });
  });

  describe('size', () => {
    it('refuses an event over the limit with EventTooLarge and writes nothing of its append', async () => {
      const { store } = subject();
      const id = stream();
      const huge = newEvent({ data: { blob: 'x'.repeat(2 * 1024 * 1024) } });
      const error = await store.append(id, [newEvent(), huge], { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventTooLarge);
      expect(error).toMatchObject({ eventId: huge.eventId, limit: 1024 * 1024 });
      expect((error as EventTooLarge).bytes).toBeGreaterThan(2 * 1024 * 1024);
      expect(await store.streamRevision(id)).toBe(0);
    });

    it('stores an event just under the limit', async () => {
      const { store } = subject();
      const id = stream();
      const big = newEvent({ data: { blob: 'y'.repeat(1000 * 1024) } });
      await store.append(id, [big], { expectedRevision: 'no_stream' });
      const [stored] = await store.readStream(id);
      expect(stored.data).toEqual(big.data);
    });
  });
}
