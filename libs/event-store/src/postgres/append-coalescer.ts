// Group commit for single-event appends. Each statement is a round trip and each transaction a
// commit; with many concurrent writers those, not the rows, are what the server spends on. So
// at most `maxInFlight` append statements run at once; appends arriving meanwhile wait and leave
// together in the next statement (es_append_each), one transaction, each with its own answer.
// A lone writer never waits: its append goes out at once as es_append. An append answered 'retry'
// (see es_append) goes out again in the next statement, a newer transaction.
// Statements in flight never share a stream: two transactions that each wait for the other's
// uncommitted revision of different streams would deadlock (PostgreSQL breaks that after
// deadlock_timeout, a 1 s stall), so an append to a busy stream waits for the next statement.
import type { Pool } from 'pg';
import { appendEachCall, appendOneCall, type AppendRow, type SingleAppend } from './append-call.js';
import { isConnectionFailure } from './connection-errors.js';

interface Waiting {
  readonly append: SingleAppend;
  readonly resolve: (row: AppendRow) => void;
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

  append(append: SingleAppend): Promise<AppendRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
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

  /** Waiting appends in arrival order, skipping streams another statement is writing. */
  private nextBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const waiting of this.waiting) {
      if (batch.length < this.maxBatch && !this.busyStreams.has(waiting.append.streamId)) batch.push(waiting);
      else rest.push(waiting);
    }
    this.waiting = rest;
    for (const { append } of batch) this.busyStreams.set(append.streamId, (this.busyStreams.get(append.streamId) ?? 0) + 1);
    return batch;
  }

  private release(batch: readonly Waiting[]): void {
    for (const { append } of batch) {
      const left = (this.busyStreams.get(append.streamId) ?? 1) - 1;
      if (left === 0) this.busyStreams.delete(append.streamId);
      else this.busyStreams.set(append.streamId, left);
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    this.inFlight += 1;
    try {
      if (batch.length === 1) {
        const { rows } = await this.pool.query<AppendRow>(appendOneCall(batch[0].append));
        this.answer(batch[0], rows[0]);
      } else {
        await this.sendTogether(batch);
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.inFlight -= 1;
      this.release(batch);
      this.dispatch();
    }
  }

  private answer(waiting: Waiting, row: AppendRow): void {
    if (row.status === 'retry') this.waiting.unshift(waiting);
    else waiting.resolve(row);
  }

  private async sendTogether(batch: Waiting[]): Promise<void> {
    try {
      const { rows } = await this.pool.query<AppendRow>(appendEachCall(batch.map((w) => w.append)));
      rows.forEach((row, i) => this.answer(batch[i], row));
    } catch (error) {
      if (isConnectionFailure(error)) throw error;
      // One bad append (say, a value the database refuses) must not fail its neighbours: alone,
      // each gets its own answer.
      await Promise.all(
        batch.map((waiting) =>
          this.pool.query<AppendRow>(appendOneCall(waiting.append)).then(({ rows }) => this.answer(waiting, rows[0]), waiting.reject),
        ),
      );
    }
  }
}
