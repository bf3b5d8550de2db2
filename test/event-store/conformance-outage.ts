// Conformance: the database goes away in the middle of appends and comes back.
import { EventStoreUnavailable } from '#event-store';
import { collectingSubscription, eventually, events, ids, readAllPages, uniquePrefix } from './conformance-fixtures.js';
import type { Subject } from './event-store-conformance.js';

const WRITERS = 8;
const EVENTS_PER_APPEND = 4;

export function describeOutage(subject: Subject): void {
  it('an outage mid-append: a clear error, nothing half-written, retries land once, subscriptions resume', async () => {
    const { store, interrupt } = subject();
    const prefix = uniquePrefix();
    const subscriber = collectingSubscription(store, prefix, '0', 10);
    const stored = new Set<string>();
    const failures: unknown[] = [];
    let keepWriting = true;

    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      while (keepWriting) {
        const batch = events(EVENTS_PER_APPEND);
        try {
          await store.append(`${prefix}${writer}`, batch, { expectedRevision: 'any' });
        } catch (error) {
          failures.push(error);
          // Whether a failed append committed is unknown to its caller: it retries with the same
          // event ids, which the store must answer idempotently.
          await retryUntilStored(() => store.append(`${prefix}${writer}`, batch, { expectedRevision: 'any' }));
        }
        ids(batch).forEach((id) => stored.add(id));
      }
    });

    await eventually(() => expect(stored.size).toBeGreaterThan(200));
    const restore = await interrupt();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await restore();
    await eventually(() => expect(failures.length).toBeGreaterThan(0));
    const storedBefore = stored.size;
    await eventually(() => expect(stored.size).toBeGreaterThan(storedBefore + 100));
    keepWriting = false;
    await Promise.all(writers);

    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toBeInstanceOf(EventStoreUnavailable);

    await eventually(async () => expect(await readAllPages(store, prefix, 500)).toHaveLength(stored.size));
    const log = await readAllPages(store, prefix, 500);
    expect(new Set(ids(log))).toEqual(stored);
    expect(log).toHaveLength(stored.size);
    for (let writer = 0; writer < WRITERS; writer++) {
      // Appends are all-or-nothing: every stream holds whole appends, in revision order.
      const stream = await store.readStream(`${prefix}${writer}`);
      expect(stream.length % EVENTS_PER_APPEND).toBe(0);
      expect(stream.map((event) => event.revision)).toEqual(stream.map((_, i) => i + 1));
    }

    await subscriber.until(stored.size);
    await subscriber.subscription.stop();
    expect(ids(subscriber.received)).toEqual(ids(log));
    expect(subscriber.errors.length).toBeGreaterThan(0);
  });
}

async function retryUntilStored(append: () => Promise<unknown>): Promise<void> {
  for (;;) {
    try {
      await append();
      return;
    } catch (error) {
      if (!(error instanceof EventStoreUnavailable)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
