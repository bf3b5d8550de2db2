// How an event of the port is kept in KurrentDB and read back. The hash is computed here, in the
// client, with the PostgreSQL adapter's formula (postgres/event-hash.ts, the same bytes as
// es_event_hash), so one stored event hashes alike in either store and a chain can be verified
// after moving events between them.
//
// KurrentDB keeps an event's id, type, data and metadata; everything else of the port rides in the
// metadata as an envelope:
//   { "metadata": <the port's metadata>, "schemaVersion": n, "hash": hex, "previousHash": hex|null,
//     "$correlationId": ..., "$causationId": ... }
// The `$` fields are what KurrentDB's own $by_correlation_id projection reads; they copy the port's
// metadata and are not hashed.
import { jsonEvent, type EventData, type JSONEventType, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventTooLarge, type EventMetadata, type GlobalPosition, type NewEvent, type RecordedEvent } from '../event-store.port.js';
import { eventHash } from '../postgres/event-hash.js';
import { fromEsdbEventNumber } from './esdb-revision.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Envelope {
  readonly metadata: EventMetadata;
  readonly schemaVersion: number;
  readonly hash: string;
  readonly previousHash: string | null;
  readonly $correlationId: string;
  readonly $causationId: string | null;
}

export type StoredEventType = JSONEventType<string, Record<string, unknown>, Envelope>;

/** Refuses what the PostgreSQL adapter refuses, before anything is sent. */
export function checkStorable(event: NewEvent, maxEventBytes: number): void {
  if (!UUID.test(event.eventId)) throw new TypeError(`event id must be a UUID, got ${JSON.stringify(event.eventId)}`);
  // Counted as the PostgreSQL adapter counts (data + metadata + type of the stored form), so one
  // limit means the same in both stores; the envelope adds under 300 bytes on top.
  const bytes = Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata)) + Buffer.byteLength(event.type);
  if (bytes > maxEventBytes) throw new EventTooLarge(event.eventId, bytes, maxEventBytes);
  if (Number.isNaN(Date.parse(event.metadata.occurredAt))) {
    throw new TypeError(`event ${event.eventId}: metadata.occurredAt is not an ISO 8601 instant`);
  }
}

/**
 * The hash of a stored event at `revision` (1-based) of `streamId`, chained to `previousHash`:
 * the JSON texts are JSON.stringify's, which is what the PostgreSQL adapter stores and hashes and
 * what the KurrentDB client sends as the event's bytes.
 */
export function storedEventHash(streamId: string, revision: number, previousHash: string | null, event: NewEvent): string {
  return eventHash({
    previousHash: previousHash === null ? null : Buffer.from(previousHash, 'hex'),
    streamId,
    revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  }).toString('hex');
}

export interface ChainedEvent {
  readonly eventData: EventData<StoredEventType>;
  readonly hash: string;
}

/**
 * The events of one append, each hashed over its predecessor, starting after `head`. The hash
 * covers the port's stream id, not the namespaced KurrentDB stream name, so it is the same in
 * whatever namespace the store runs.
 */
export function chainEvents(
  streamId: string,
  head: { readonly revision: number; readonly hash: string | null },
  events: readonly NewEvent[],
): ChainedEvent[] {
  let previousHash = head.hash;
  return events.map((event, i) => {
    const hash = storedEventHash(streamId, head.revision + i + 1, previousHash, event);
    const envelope: Envelope = {
      metadata: event.metadata,
      schemaVersion: event.schemaVersion,
      hash,
      previousHash,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    };
    previousHash = hash;
    return { eventData: jsonEvent<StoredEventType>({ id: event.eventId, type: event.type, data: { ...event.data }, metadata: envelope }), hash };
  });
}

/** Thrown when a server answers a stream read without the events' $all positions. */
export class PositionUnknown extends Error {
  constructor(readonly streamName: string) {
    super(`the server gave no $all position for events of ${streamName}: stream reads carry it only on servers since the 22.x releases`);
    this.name = 'PositionUnknown';
  }
}

/** A KurrentDB event written by this adapter back in the port's shape (still the stored form). */
export function fromEsdbEvent(event: EsdbRecordedEvent, streamId: string, position: GlobalPosition): RecordedEvent {
  const envelope = envelopeOf(event);
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: envelope.schemaVersion,
    data: event.data as Record<string, unknown>,
    metadata: envelope.metadata,
    streamId,
    revision: fromEsdbEventNumber(event.revision),
    position,
    recordedAt: event.created.toISOString(),
    hash: envelope.hash,
    previousHash: envelope.previousHash,
  };
}

/** The port's fields of a stored event; refuses events this adapter did not write. */
export function envelopeOf(event: EsdbRecordedEvent): Envelope {
  if (!event.isJson || !isEnvelope(event.metadata)) {
    throw new TypeError(`event ${event.id} in ${event.streamId} was not written by this adapter (no envelope in its metadata)`);
  }
  return event.metadata;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Envelope>;
  return typeof candidate.hash === 'string' && typeof candidate.schemaVersion === 'number' && typeof candidate.metadata === 'object';
}
