// Conformance: the global log under concurrent multi-event transactions. Every way of reading it
// (live, after the fact, in small pages, stopped and resumed) yields every event exactly once, in
// one and the same order.
import type { RecordedEvent } from '#event-store';
import { collectingSubscription, events, ids, readAllPages, uniquePrefix } from './conformance-fixtures.js';
import type { Subject } from './event-store-conformance.js';

const WRITERS = 16;
const TRANSACTIONS_PER_WRITER = 30;
const EVENTS_PER_TRANSACTION = 3;
const TOTAL = WRITERS * TRANSACTIONS_PER_WRITER * EVENTS_PER_TRANSACTION;

export function describeGlobalOrder(subject: Subject): void {
  it(`${WRITERS} concurrent writers: every reader sees all ${TOTAL} events once, in the same order`, async () => {
    const { store } = subject();
    const prefix = uniquePrefix();
    const live = collectingSubscription(store, prefix, '0', 25);
    const appended: string[] = [];

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
          // Writers share streams, so transactions interleave within streams too.
          const streamId = `${prefix}${(writer + t) % 8}`;
          const batch = events(EVENTS_PER_TRANSACTION);
          await store.append(streamId, batch, { expectedRevision: 'any' });
          appended.push(...ids(batch));
        }
      }),
    );

    await live.until(TOTAL);
    await live.subscription.stop();
    const reference = live.received;
    expectExactlyOnce(reference, appended);
    expectDeliveryOrder(reference);

    const late = collectingSubscription(store, prefix, '0', 40);
    await late.until(TOTAL);
    await late.subscription.stop();
    expect(ids(late.received)).toEqual(ids(reference));

    // The live subscriber saw all events, so they are all visible to readers now.
    expect(ids(await readAllPages(store, prefix, 7))).toEqual(ids(reference));

    const first = collectingSubscription(store, prefix, '0', 7, TOTAL / 2);
    await first.until(TOTAL / 2);
    await first.subscription.stop();
    expect(first.received.length).toBeLessThan(TOTAL);
    const checkpoint = first.subscription.position();
    expect(checkpoint).toBe(first.received[first.received.length - 1].position);
    const resumed = collectingSubscription(store, prefix, checkpoint, 7);
    await resumed.until(TOTAL - first.received.length);
    await resumed.subscription.stop();
    expect(ids([...first.received, ...resumed.received])).toEqual(ids(reference));

    for (const reader of [live, late, first, resumed]) expect(reader.errors).toEqual([]);
  });
}

function expectExactlyOnce(received: readonly RecordedEvent[], appended: readonly string[]): void {
  expect(received).toHaveLength(appended.length);
  expect(new Set(ids(received))).toEqual(new Set(appended));
}

/** Positions strictly increase as plain strings, and each stream's revisions come in order. */
function expectDeliveryOrder(received: readonly RecordedEvent[]): void {
  const lastRevision = new Map<string, number>();
  received.forEach((event, i) => {
    if (i > 0) expect(event.position > received[i - 1].position).toBe(true);
    expect(event.revision).toBe((lastRevision.get(event.streamId) ?? 0) + 1);
    lastRevision.set(event.streamId, event.revision);
  });
}
