// Group commit for single-event appends. Each statement is a round trip and each transaction a
// commit; with many concurrent writers those, not the rows, are what the server spends on. So
// at most `maxInFlight` append statements run at once; appends arriving meanwhile wait and leave
// together in the next statement (es_append_each), one transaction, each with its own answer.
// A lone writer never waits: its append goes out at once as es_append. An append answered 'retry'
// (see es_append) goes out again in the next statement, a newer transaction.
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
  private readonly waiting: Waiting[] = [];

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
      void this.send(this.waiting.splice(0, this.maxBatch));
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
