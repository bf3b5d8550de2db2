// The pages of one replay, read and decoded once for all the projections replaying together, each
// of which takes them at its own pace. In lockstep, a batch ended only when the slower projection's
// write had committed, so Node sat idle while both waited for PostgreSQL; this way one projection
// folds its next page while the other's batch is being written. The pages come in delivery order
// or stream by stream (`EventStore.readAllByStream`): whatever `readPage` gives from a cursor.
import type { RecordedEvent } from '#event-store';

/** A page of events and the cursor after it: `ReadAllPage` (a position) or `ReadByStreamPage`. */
export interface Page<Cursor> {
  readonly events: readonly RecordedEvent[];
  readonly next: Cursor;
}

/** Reads the page of at most `limit` events after `after`. */
export type ReadPage<Cursor> = (after: Cursor, limit: number) => Promise<Page<Cursor>>;

export class SharedPages<Cursor> {
  /** Pages read or being read, by index, from the slowest reader's page on. */
  private readonly pages = new Map<number, Promise<Page<Cursor>>>();
  /** Per reader, the index of the next page it will ask for (Infinity once it stopped). */
  private readonly next: number[];
  private waiting: (() => void)[] = [];

  /**
   * @param start the cursor of the first page
   * @param ahead how many pages a reader may be ahead of the slowest one: what is held in memory.
   */
  constructor(
    private readonly readPage: ReadPage<Cursor>,
    private readonly start: Cursor,
    private readonly batchSize: number,
    readers: number,
    private readonly ahead = 1,
  ) {
    this.next = Array.from({ length: readers }, () => 0);
  }

  /**
   * Page `index` for `reader`, after the reader is done with the page before it; waits while the
   * reader is `ahead` pages ahead of the slowest. The page after a short one is empty.
   */
  async page(reader: number, index: number): Promise<Page<Cursor>> {
    this.advance(reader, index);
    while (index - this.slowest() > this.ahead) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const page = this.read(index);
    void this.read(index + 1); // read ahead while this one is applied
    return page;
  }

  /** `reader` asks for no more pages: the others stop waiting for it. */
  stop(reader: number): void {
    this.advance(reader, Number.POSITIVE_INFINITY);
  }

  private advance(reader: number, index: number): void {
    this.next[reader] = index;
    const slowest = this.slowest();
    for (const held of this.pages.keys()) if (held < slowest - 1) this.pages.delete(held); // the one before: the next page's `after`
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  private slowest(): number {
    return Math.min(...this.next);
  }

  private read(index: number): Promise<Page<Cursor>> {
    let page = this.pages.get(index);
    if (page === undefined) {
      const previous = index === 0 ? null : this.read(index - 1);
      page = previous === null
        ? this.readPage(this.start, this.batchSize)
        : previous.then((before) => (before.events.length < this.batchSize
          ? { events: [], next: before.next }
          : this.readPage(before.next, this.batchSize)));
      page.catch(() => undefined); // a reader that asks for it gets the error; a read ahead nobody asks for must not go unhandled
      this.pages.set(index, page);
    }
    return page;
  }
}
