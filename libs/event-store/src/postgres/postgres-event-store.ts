// The PostgreSQL adapter of the event store port (ARCHITECTURE.md, "The event store").
import type { Pool } from 'pg';
import {
  identityCodec,
  START,
  type AppendOptions,
  type AppendResult,
  type EventCodec,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadByStreamOptions,
  type ReadByStreamPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamAppendOutcome,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port.js';
import {
  appendBatchCall,
  BATCH_FAILURE_SQLSTATE,
  batchFailureError,
  prepareAppend,
  toAppendResult,
  type AppendRow,
  type BatchFailureDetail,
  type PreparedAppend,
} from './append-call.js';
import { AppendCoalescer, type CoalescedAnswer } from './append-coalescer.js';
import { startCatchUpSubscription } from './catch-up-subscription.js';
import { rethrowAsStoreError } from './connection-errors.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows.js';
import { formatPosition, parsePosition } from './global-position.js';

export interface PostgresEventStoreOptions {
  /** Refuse events whose data + metadata + type exceed this many bytes. Default 1 MiB. */
  readonly maxEventBytes?: number;
  /** How often an idle subscription looks for events when no notification came. Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** Upper bound of a failing subscription's retry backoff. Default 5 s. */
  readonly maxRetryDelayMs?: number;
  /**
   * Single-event append statements running at once; appends beyond wait and are sent together
   * (append-coalescer.ts). Default 2: on 2 cores it beat 4 in the event-store benchmark (c=32
   * 1.21x vs 0.96x raw, hot p99 1.27x vs 1.70x) and in the commands benchmark (0.36x vs 0.31x)
   * measured back to back on 2026-12-05 (docs/PERFORMANCE.md): fewer, fuller statements.
   */
  readonly maxConcurrentAppends?: number;
  /** Most appends sent together in one statement. Default 64. */
  readonly maxAppendsPerStatement?: number;
}

const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

// Readers see only rows whose transaction is older than every transaction still running: a
// position a slower transaction fills in later can then never be passed.
const VISIBLE = 'tx_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';

export class PostgresEventStore implements EventStore {
  private readonly maxEventBytes: number;
  private readonly coalescer: AppendCoalescer;

  constructor(
    private readonly pool: Pool,
    private readonly codec: EventCodec = identityCodec,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.coalescer = new AppendCoalescer(pool, options.maxConcurrentAppends ?? 2, options.maxAppendsPerStatement ?? 64);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`append to ${streamId}: no events`);
    const expected = options.expectedRevision;
    // Encoded before the size check and the hash: both concern the stored form.
    const stored = await Promise.all(events.map((event) => this.codec.encode(streamId, event)));
    const eventIds = stored.map((event) => event.eventId);
    let row: AppendRow;
    try {
      row = stored.length === 1
        ? await this.coalescer.append(prepareAppend(streamId, stored, expected, this.maxEventBytes))
        : await this.appendBatch(streamId, stored, expected);
    } catch (error) {
      if ((error as { code?: unknown }).code === BATCH_FAILURE_SQLSTATE) {
        throw batchFailureError(streamId, expected, JSON.parse((error as { detail: string }).detail) as BatchFailureDetail);
      }
      return rethrowAsStoreError(error);
    }
    return toAppendResult(streamId, expected, row, eventIds);
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const outcomes: StreamAppendOutcome[] = [];
    const prepared: PreparedAppend[] = [];
    const preparedAt: number[] = [];
    // What is refused before the database (no events, too large, not a UUID) is that append's answer.
    await Promise.all(appends.map(async ({ streamId, events, expectedRevision }, index) => {
      try {
        if (events.length === 0) throw new RangeError(`append to ${streamId}: no events`);
        const stored = await Promise.all(events.map((event) => this.codec.encode(streamId, event)));
        prepared[index] = prepareAppend(streamId, stored, expectedRevision, this.maxEventBytes);
      } catch (error) {
        outcomes[index] = { error: error as Error };
      }
    }));
    for (let index = 0; index < appends.length; index++) if (prepared[index]) preparedAt.push(index);
    if (preparedAt.length === 0) return outcomes;
    let answers: CoalescedAnswer[];
    try {
      answers = await this.coalescer.appendAll(preparedAt.map((index) => prepared[index]));
    } catch (error) {
      return rethrowAsStoreError(error);
    }
    answers.forEach((answer, position) => {
      const index = preparedAt[position];
      const { streamId, events, expectedRevision } = appends[index];
      try {
        if ('error' in answer) throw answer.error;
        outcomes[index] = { appended: toAppendResult(streamId, expectedRevision, answer.row, events.map((event) => event.eventId)) };
      } catch (error) {
        outcomes[index] = { error: error as Error };
      }
    });
    return outcomes;
  }

  private async appendBatch(streamId: string, events: readonly NewEvent[], expected: AppendOptions['expectedRevision']): Promise<AppendRow> {
    const call = appendBatchCall(streamId, events, expected, this.maxEventBytes);
    for (;;) {
      const { rows: [row] } = await this.pool.query<AppendRow>(call);
      // 'retry': nothing was written; a new statement is a new, younger transaction.
      if (row.status !== 'retry') return row;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const conditions = ['stream_id = $1'];
    const values: unknown[] = [streamId];
    if (options.fromRevision !== undefined) {
      values.push(options.fromRevision);
      conditions.push(`revision ${backwards ? '<=' : '>='} $${values.length}`);
    }
    if (options.occurredUpTo !== undefined) {
      values.push(options.occurredUpTo);
      conditions.push(`occurred_at <= $${values.length}`);
    }
    let limit = '';
    if (options.maxCount !== undefined) {
      values.push(options.maxCount);
      limit = `LIMIT $${values.length}`;
    }
    const rows = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE ${conditions.join(' AND ')}
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} ${limit}`,
      values,
    );
    return this.decode(rows);
  }

  async streamRevision(streamId: string): Promise<number> {
    const [row] = await this.query<{ revision: string }>(
      'SELECT coalesce(max(revision), 0) AS revision FROM es_events WHERE stream_id = $1',
      [streamId],
    );
    return Number(row.revision);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const after = parsePosition(options.after);
    const values: unknown[] = [after.txId, after.position, options.limit];
    let prefixes = '';
    if (options.streamPrefixes !== undefined) {
      values.push(options.streamPrefixes);
      prefixes = `AND stream_id ^@ ANY ($4::text[])`;
    }
    // Row comparison on (tx_id, position) walks the delivery-order index from the cursor.
    const rows = await this.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
        WHERE (tx_id, position) > ($1::xid8, $2::bigint) AND ${VISIBLE} ${prefixes}
        ORDER BY tx_id, position LIMIT $3`,
      values,
    );
    const events = await this.decode(rows);
    return { events, next: events.length > 0 ? events[events.length - 1].position : options.after };
  }

  async readAllByStream(options: ReadByStreamOptions): Promise<ReadByStreamPage> {
    const upTo = parsePosition(options.upTo);
    const after = options.after ?? { streamStart: '0', revision: 0 }; // positions start at 1
    // The streams in the order they began (es_events_stream_starts), each stream's events from the
    // primary key: streams written together are read together, from the same heap pages. The planner
    // keeps the streams' order and sorts only within a stream (an incremental sort), so the LIMIT
    // stops the walk. A page needs at most one stream per event, plus the cursor's own stream, which
    // may have none left: the subquery's LIMIT says so, which also keeps the planner from sorting the
    // whole table for the streams. The events past `upTo` are left to a read in delivery order after this one.
    const rows = await this.query<EventRow & { stream_start: string }>(
      `SELECT e.*, s.position AS stream_start
         FROM (SELECT stream_id, position FROM es_events
                WHERE revision = 1 AND position >= $1::bigint AND (tx_id, position) <= ($3::xid8, $4::bigint)
                ORDER BY position LIMIT $5 + 1) s
        CROSS JOIN LATERAL (
              SELECT ${EVENT_COLUMNS} FROM es_events
               WHERE stream_id = s.stream_id AND revision > CASE WHEN s.position = $1::bigint THEN $2::bigint ELSE 0 END
                 AND (tx_id, position) <= ($3::xid8, $4::bigint)) e
        ORDER BY s.position, e.revision LIMIT $5`,
      [after.streamStart, after.revision, upTo.txId, upTo.position, options.limit],
    );
    const events = await this.decode(rows);
    const last = rows[rows.length - 1];
    return { events, next: last === undefined ? options.after : { streamStart: last.stream_start, revision: Number(last.revision) } };
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    // A string that is no UUID cannot be stored (append refuses it), so it is simply not found.
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId)) return null;
    const rows = await this.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM es_events WHERE event_id = $1`, [eventId]);
    const [event] = await this.decode(rows);
    return event ?? null;
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return startCatchUpSubscription(
      {
        pool: this.pool,
        readPage: (after, limit, streamPrefixes) => this.readAll({ after, limit, streamPrefixes }),
        hasHiddenEvents: async () => {
          // The newest transaction id stored (the end of the delivery-order index) against the
          // snapshot's xmin. Filtering on tx_id instead made the planner expect a third of the
          // table to match and scan all of it: ~90 ms per call at 300,000 events, after every batch
          // of every subscription.
          const [row] = await this.query<{ hidden: boolean }>(
            `SELECT coalesce((SELECT tx_id FROM es_events ORDER BY tx_id DESC, position DESC LIMIT 1)
                             >= (SELECT pg_snapshot_xmin(pg_current_snapshot())), false) AS hidden`,
          );
          return row.hidden;
        },
      },
      options,
      { pollIntervalMs: this.options.pollIntervalMs ?? 250, maxRetryDelayMs: this.options.maxRetryDelayMs ?? 5000 },
    );
  }

  async headPosition(): Promise<GlobalPosition> {
    const [row] = await this.query<{ tx_id: string; position: string }>(
      `SELECT tx_id, position FROM es_events WHERE ${VISIBLE} ORDER BY tx_id DESC, position DESC LIMIT 1`,
    );
    return row ? formatPosition(row.tx_id, row.position) : START;
  }

  private async query<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
    try {
      const { rows } = await this.pool.query<Row>(text, values);
      return rows;
    } catch (error) {
      return rethrowAsStoreError(error);
    }
  }

  private decode(rows: readonly EventRow[]): Promise<readonly RecordedEvent[]> {
    return this.codec.decode(rows.map(toRecordedEvent));
  }
}
