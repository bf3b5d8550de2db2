// A stored lead event as the public integration event of `lead.lifecycle` (API.md "Lifecycle
// events out"). `data` is what the event store decodes: once a lead's personal data is erased, the
// store's EventCodec (crypto-shredding) decodes those fields as erased, and the relay erases them
// too where its process's key cache has not seen the erasure yet (lifecycle.relay.ts).
import type { Message } from 'kafkajs';
import type { RecordedEvent } from '#event-store';

export const LEAD_STREAM_PREFIX = 'lead-';

export const LIFECYCLE_HEADERS = {
  eventId: 'event-id',
  type: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  contentType: 'content-type',
} as const;

export interface LifecycleEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly leadId: string;
  readonly revision: number;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export const toLifecycleEvent = (event: RecordedEvent): LifecycleEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  leadId: event.streamId.slice(LEAD_STREAM_PREFIX.length),
  revision: event.revision,
  occurredAt: event.metadata.occurredAt,
  data: event.data,
});

/** Key = lead id, so one lead's events stay in order on one partition. */
export const toLifecycleMessage = (event: RecordedEvent): Message => {
  const value = toLifecycleEvent(event);
  return {
    key: value.leadId,
    value: JSON.stringify(value),
    headers: {
      [LIFECYCLE_HEADERS.eventId]: value.eventId,
      [LIFECYCLE_HEADERS.type]: value.type,
      [LIFECYCLE_HEADERS.schemaVersion]: String(value.schemaVersion),
      [LIFECYCLE_HEADERS.correlationId]: event.metadata.correlationId,
      [LIFECYCLE_HEADERS.contentType]: 'application/json',
    },
  };
};
