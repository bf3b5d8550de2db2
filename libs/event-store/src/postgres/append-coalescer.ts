// Group commit. Each statement is a round trip and each transaction a commit; with many concurrent
// writers those, not the rows, are what the server spends on. So at most `maxInFlight` append
// statements run at once; appends arriving meanwhile wait and leave together in the next
// statement (es_append_streams), one transaction, each with its own answer. A caller may hand over
// many appends at once (appendMany: a whole fetched batch); they stay together in one statement.
// A lone single-event append never waits: it goes out at once as es_append. An append answered
// 'retry' (see es_append) goes out again in the next statement, a newer transaction.
// Statements in flight never share a stream: two transactions that each wait for the other's
// uncommitted revision of different streams would deadlock (PostgreSQL breaks that after
// deadlock_timeout, a 1 s stall), so an append to a busy stream waits for the next statement.
import type { Pool } from 'pg';
import { appendOneCall, appendStreamsCall, type AppendRow, type PreparedAppend } from './append-call.js';
import { isDatabaseUnavailable, isTransactionConflict } from './connection-errors.js';

/** One append's answer: its row, or why the database refused the statement that held it alone. */
export type CoalescedAnswer = { readonly row: AppendRow } | { readonly error: unknown };

interface Waiting {
  readonly appends: readonly PreparedAppend[];
  readonly resolve: (answers: CoalescedAnswer[]) => void;
  readonly reject: (error: unknown) => void;
}

export class AppendCoalescer {
  private inFlight = 0;
  private waiting: Waiting[] = [];
  /** Streams of the statements in flight, with how many appends to each. */
  private readonly busyStreams = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  async append(append: PreparedAppend): Promise<AppendRow> {
    const [answer] = await this.appendAll([append]);
    if ('error' in answer) throw answer.error;
    return answer.row;
  }

  /** Answers in the order given; rejects only when the statement could not reach the database. */
  appendAll(appends: readonly PreparedAppend[]): Promise<CoalescedAnswer[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ appends, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.nextBatch();
      if (batch.length === 0) return;
      void this.send(batch);
    }
  }

  /**
   * Waiting calls in arrival order, skipping those that write a stream another statement is
   * writing, and after one is skipped every later call to its streams too, so a stream's appends
   * leave in the order they came. A call is never split; a statement takes more calls while it
   * holds fewer than `maxBatch` appends.
   */
  private nextBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const held = new Set<string>();
    let size = 0;
    for (const waiting of this.waiting) {
      const fits = batch.length === 0 || size + waiting.appends.length <= this.maxBatch;
      if (fits && waiting.appends.every(({ streamId }) => !this.busyStreams.has(streamId) && !held.has(streamId))) {
        batch.push(waiting);
        size += waiting.appends.length;
      } else {
        rest.push(waiting);
        for (const { streamId } of waiting.appends) held.add(streamId);
      }
    }
    this.waiting = rest;
    for (const { appends } of batch) {
      for (const { streamId } of appends) this.busyStreams.set(streamId, (this.busyStreams.get(streamId) ?? 0) + 1);
    }
    return batch;
  }

  private release(batch: readonly Waiting[]): void {
    for (const { appends } of batch) {
      for (const { streamId } of appends) {
        const left = (this.busyStreams.get(streamId) ?? 1) - 1;
        if (left === 0) this.busyStreams.delete(streamId);
        else this.busyStreams.set(streamId, left);
      }
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    this.inFlight += 1;
    try {
      const answers = await this.query(batch.flatMap((waiting) => waiting.appends));
      let at = 0;
      for (const waiting of batch) this.answer(waiting, answers.slice(at, (at += waiting.appends.length)));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.inFlight -= 1;
      this.release(batch);
      this.dispatch();
    }
  }

  /** Appends answered 'retry' go first into the next statement; the call is answered when all are. */
  private answer(waiting: Waiting, answers: CoalescedAnswer[]): void {
    const retry = answers.flatMap((answer, index) => ('row' in answer && answer.row.status === 'retry' ? [index] : []));
    if (retry.length === 0) {
      waiting.resolve(answers);
      return;
    }
    this.waiting.unshift({
      appends: retry.map((index) => waiting.appends[index]),
      resolve: (again) => {
        retry.forEach((index, position) => (answers[index] = again[position]));
        waiting.resolve(answers);
      },
      reject: waiting.reject,
    });
  }

  private async query(appends: readonly PreparedAppend[]): Promise<CoalescedAnswer[]> {
    const lone = appends.length === 1 && appends[0].fields.length === 1;
    try {
      const { rows } = await this.pool.query<AppendRow>(lone ? appendOneCall(appends[0]) : appendStreamsCall(appends));
      return rows.map((row) => ({ row }));
    } catch (error) {
      // A deadlock with another statement is settled by running each append alone (below); any
      // other outage would only fail them all again.
      if (isDatabaseUnavailable(error) && !isTransactionConflict(error)) throw error;
      if (appends.length === 1) return [{ error }];
      // One bad append (say, a value the database refuses) must not fail its neighbours: alone,
      // each gets its own answer.
      const alone = await Promise.all(appends.map((append) => this.query([append])));
      return alone.flat();
    }
  }
}
