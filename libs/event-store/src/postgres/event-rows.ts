// How a stored row becomes a RecordedEvent (still in its stored form: the codec decodes after).
import type { EventMetadata, RecordedEvent } from '../event-store.port.js';
import { formatPosition } from './global-position.js';

// The hashes as hex text and the recording time as ISO 8601 text (UTC, milliseconds: what
// Date#toISOString gives): PostgreSQL formats them anyway, so this spares pg parsing them into a
// Buffer or a Date and us formatting them back, three times per event.
export const EVENT_COLUMNS = `tx_id, position, stream_id, revision, event_id, type, schema_version, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
  encode(hash, 'hex') AS hash, encode(previous_hash, 'hex') AS previous_hash`;

export interface EventRow {
  readonly tx_id: string;
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  readonly recorded_at: string;
  readonly hash: string;
  readonly previous_hash: string | null;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: formatPosition(row.tx_id, row.position),
    recordedAt: row.recorded_at,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}
