// What a projection folded last for the streams it saw last, each with the revision it was folded
// up to. A lead's events rarely come in one batch (many leads are worked at once), and each batch
// that sees a lead again would read back and fold again what the batch before had in hand. What is
// folded up to a revision depends only on the stream's events up to it (and the scoring model), so
// a value stays true whatever happens to the batch that made it; each user decides which revisions
// it can go on from (the leads projection: exactly its stored view's; the process manager: any
// before the batch's first event of that lead).

interface Kept<T> {
  readonly revision: number;
  readonly value: T;
}

export class RecentByRevision<T> {
  /** Insertion order doubles as least-recently-used order. */
  private readonly kept = new Map<string, Kept<T>>();

  /** @param capacity the most streams kept: what this costs in memory (a few kB a typical lead). */
  constructor(private readonly capacity: number) {}

  /** What was kept for the stream, with the revision it was folded up to. */
  get(streamId: string): Kept<T> | undefined {
    return this.kept.get(streamId);
  }

  remember(streamId: string, revision: number, value: T): void {
    this.kept.delete(streamId);
    this.kept.set(streamId, { revision, value });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value as string);
  }
}
