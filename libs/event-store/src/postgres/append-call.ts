// Turns one append into one call of es_append (one event) or es_append_batch (several), and the
// function's answer back into a result or a typed error.
import {
  DuplicateEventId,
  EventTooLarge,
  WrongExpectedRevision,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '../event-store.port.js';
import { formatPosition } from './global-position.js';

/** What es_append and es_append_batch answer. */
export interface AppendRow {
  readonly status: 'written' | 'exists' | 'conflict' | 'duplicate' | 'retry';
  readonly revision: string;
  readonly tx_id: string | null;
  readonly position: string | null;
  readonly stored_in: string | null;
  /** es_append_streams: the event that failed its append (a duplicate names it). */
  readonly failed_event_id?: string | null;
}

export interface SqlCall {
  /** Prepared once per connection under this name. */
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One append prepared for the coalescer: one event goes out as es_append, more (or several appends) as es_append_streams. */
export interface PreparedAppend {
  readonly streamId: string;
  readonly expected: number | null;
  readonly fields: readonly StoredFields[];
}

export function prepareAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, maxEventBytes: number): PreparedAppend {
  return { streamId, expected: expectedRevisionArg(expected), fields: events.map((event) => storedFields(event, maxEventBytes)) };
}

export function appendOneCall({ streamId, expected, fields: [f] }: PreparedAppend): SqlCall {
  return {
    name: 'es_append_v1',
    text: 'SELECT * FROM es_append($1, $2, $3, $4, $5, $6, $7, $8)',
    values: [streamId, expected, f.eventId, f.type, f.schemaVersion, f.data, f.metadata, f.occurredAt],
  };
}

/** The events' columns as the functions take them: one array per column. */
const eventColumns = (fields: readonly StoredFields[]): unknown[] => [
  fields.map((f) => f.eventId),
  fields.map((f) => f.type),
  fields.map((f) => f.schemaVersion),
  fields.map((f) => f.data),
  fields.map((f) => f.metadata),
  fields.map((f) => f.occurredAt),
];

/** Several independent appends in one statement; one row per append comes back, in the same order. */
export function appendStreamsCall(appends: readonly PreparedAppend[]): SqlCall {
  const fields = appends.flatMap((a) => a.fields);
  return {
    name: 'es_append_streams_v1',
    text: `SELECT * FROM es_append_streams($1::text[], $2::bigint[], $3::int[], $4::uuid[], $5::text[], $6::int[],
                                           $7::text[], $8::text[], $9::timestamptz[])`,
    values: [
      appends.map((a) => a.streamId),
      appends.map((a) => a.expected),
      appends.map((a) => a.fields.length),
      ...eventColumns(fields),
    ],
  };
}

/** Several events to one stream, all or none. */
export function appendBatchCall(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, maxEventBytes: number): SqlCall {
  const fields = events.map((event) => storedFields(event, maxEventBytes));
  return {
    name: 'es_append_batch_v1',
    text: `SELECT * FROM es_append_batch($1, $2, $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[],
                                         $8::timestamptz[])`,
    values: [
      streamId,
      expectedRevisionArg(expected),
      ...eventColumns(fields),
    ],
  };
}

export function toAppendResult(streamId: string, expected: ExpectedRevision, row: AppendRow, eventIds: readonly string[]): AppendResult {
  switch (row.status) {
    case 'written':
    case 'exists':
      return {
        nextRevision: Number(row.revision),
        position: formatPosition(row.tx_id ?? '0', row.position ?? '0'),
        written: row.status === 'written',
      };
    case 'conflict':
      throw new WrongExpectedRevision(streamId, expected, Number(row.revision));
    case 'duplicate':
      throw new DuplicateEventId(row.failed_event_id ?? eventIds[0], row.stored_in ?? '', Number(row.revision));
    case 'retry':
      throw new Error(`append to ${streamId}: 'retry' must be resent, not answered`);
  }
}

/** es_append_batch raises LL001 when an event after the first fails; its detail is the answer. */
export interface BatchFailureDetail {
  readonly status: 'conflict' | 'duplicate';
  readonly revision: number;
  readonly storedIn: string | null;
  readonly eventId: string;
}

export const BATCH_FAILURE_SQLSTATE = 'LL001';

export function batchFailureError(streamId: string, expected: ExpectedRevision, detail: BatchFailureDetail): Error {
  return detail.status === 'duplicate'
    ? new DuplicateEventId(detail.eventId, detail.storedIn ?? '', detail.revision)
    : new WrongExpectedRevision(streamId, expected, detail.revision);
}

/** NULL = any, -1 = stream_exists, n = exact; no_stream is exact revision 0. */
function expectedRevisionArg(expected: ExpectedRevision): number | null {
  switch (expected) {
    case 'any':
      return null;
    case 'stream_exists':
      return -1;
    case 'no_stream':
      return 0;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new RangeError(`expected revision must be a non-negative integer, got ${expected}`);
      }
      return expected;
  }
}

interface StoredFields {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly occurredAt: string;
}

// The JSON text produced here is what the database stores and hashes, byte for byte.
function storedFields(event: NewEvent, maxEventBytes: number): StoredFields {
  if (!UUID.test(event.eventId)) throw new TypeError(`event id must be a UUID, got ${JSON.stringify(event.eventId)}`);
  const data = JSON.stringify(event.data);
  const metadata = JSON.stringify(event.metadata);
  const bytes = Buffer.byteLength(data) + Buffer.byteLength(metadata) + Buffer.byteLength(event.type);
  if (bytes > maxEventBytes) throw new EventTooLarge(event.eventId, bytes, maxEventBytes);
  if (Number.isNaN(Date.parse(event.metadata.occurredAt))) {
    throw new TypeError(`event ${event.eventId}: metadata.occurredAt is not an ISO 8601 instant`);
  }
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data,
    metadata,
    occurredAt: event.metadata.occurredAt,
  };
}
