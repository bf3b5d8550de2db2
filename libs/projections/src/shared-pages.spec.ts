import { START, type EventStore, type GlobalPosition, type ReadAllOptions, type ReadAllPage, type RecordedEvent } from '#event-store';
import { SharedPages } from './shared-pages.js';

/** Pages of `store` in delivery order, as a rebuild reads what arrived after its head. */
const inDeliveryOrder = (store: EventStore, batchSize: number, readers: number, ahead?: number): SharedPages<GlobalPosition> =>
  new SharedPages((after, limit) => store.readAll({ after, limit }), START, batchSize, readers, ahead);

const position = (n: number): GlobalPosition => String(n).padStart(6, '0');

/** A store of `count` events whose reads are counted and may be made to fail. */
const storeOf = (count: number) => {
  const reads: GlobalPosition[] = [];
  let failAfter: GlobalPosition | null = null;
  const store = {
    readAll: async ({ after, limit }: ReadAllOptions): Promise<ReadAllPage> => {
      reads.push(after);
      if (after === failAfter) throw new Error('database gone');
      const first = after === START ? 1 : Number(after) + 1;
      const events = Array.from({ length: Math.max(0, Math.min(limit, count - first + 1)) }, (_, i) =>
        ({ position: position(first + i) }) as RecordedEvent);
      return { events, next: events.length > 0 ? events[events.length - 1].position : after };
    },
  } as unknown as EventStore;
  return { store, reads, failAfter: (after: GlobalPosition) => { failAfter = after; } };
};

const positions = (page: ReadAllPage): GlobalPosition[] => page.events.map((event) => event.position);

const settles = async (promise: Promise<unknown>): Promise<boolean> => {
  let settled = false;
  void promise.then(() => { settled = true; }, () => { settled = true; });
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
};

describe('SharedPages', () => {
  it('reads each page once for all readers, and ends with an empty page after a short one', async () => {
    const { store, reads } = storeOf(5);
    const pages = inDeliveryOrder(store, 2, 2);
    for (const reader of [0, 1]) {
      expect(positions(await pages.page(reader, 0))).toEqual([position(1), position(2)]);
    }
    for (const reader of [0, 1]) expect(positions(await pages.page(reader, 1))).toEqual([position(3), position(4)]);
    for (const reader of [0, 1]) expect(positions(await pages.page(reader, 2))).toEqual([position(5)]);
    for (const reader of [0, 1]) expect(positions(await pages.page(reader, 3))).toEqual([]);
    expect(reads).toEqual([START, position(2), position(4)]);
  });

  it('holds a reader that is too far ahead until the slowest one moves on', async () => {
    const { store } = storeOf(100);
    const pages = inDeliveryOrder(store, 10, 2, 1);
    await pages.page(0, 0);
    await pages.page(1, 0);
    await pages.page(0, 1);
    const tooFar = pages.page(0, 2);
    expect(await settles(tooFar)).toBe(false);
    await pages.page(1, 1);
    expect(positions(await tooFar)[0]).toBe(position(21));
  });

  it('lets the others go on when a reader stops', async () => {
    const { store } = storeOf(100);
    const pages = inDeliveryOrder(store, 10, 2, 1);
    await pages.page(0, 0);
    await pages.page(1, 0);
    await pages.page(0, 1);
    const waiting = pages.page(0, 2);
    pages.stop(1);
    expect(positions(await waiting)[0]).toBe(position(21));
  });

  it('gives a failed read to the readers that ask for that page', async () => {
    const { store, failAfter } = storeOf(100);
    failAfter(position(10));
    const pages = inDeliveryOrder(store, 10, 2);
    await pages.page(0, 0);
    await expect(pages.page(0, 1)).rejects.toThrow('database gone');
    await expect(pages.page(1, 1)).rejects.toThrow('database gone');
  });
});
