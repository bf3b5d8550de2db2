// One event as auditors see it: everything the store recorded about it, flattened.
import type { RecordedEvent } from '#event-store';

export interface AuditEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Decrypted where the lead's key still exists; personal fields read `[erased]` once it is gone. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Extra context the writer recorded beyond the fields above (e.g. a Kafka offset). */
  readonly context: Readonly<Record<string, unknown>>;
  /** sha256 over the stored (encrypted) form, chained to `previousHash`. */
  readonly hash: string;
  readonly previousHash: string | null;
}

export const toAuditEvent = (event: RecordedEvent): AuditEvent => {
  const { correlationId, causationId, actor, occurredAt, ...context } = event.metadata;
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt,
    recordedAt: event.recordedAt,
    actor,
    correlationId,
    causationId,
    data: event.data,
    context,
    hash: event.hash,
    previousHash: event.previousHash,
  };
};
