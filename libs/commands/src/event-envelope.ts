// Where a decided domain event gets its envelope: id, schema version and metadata.
import { randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION, uuidV5, type DomainEvent } from '#domain';
import type { NewEvent } from '#event-store';
import type { CommandContext } from './command-context.js';

/** Namespace of event ids derived from an idempotency seed; fixed forever. */
const EVENT_ID_NAMESPACE = 'b0c3d8e2-6a4f-4f1e-8c7d-2e9a5b1f3c60';

export const deterministicEventId = (seed: string, index: number): string => uuidV5(`${seed}#${index}`, EVENT_ID_NAMESPACE);

export const toNewEvents = (events: readonly DomainEvent[], context: CommandContext): NewEvent[] =>
  events.map((event, index) => ({
    eventId: context.idempotencySeed === undefined ? randomUUID() : deterministicEventId(context.idempotencySeed, index),
    type: event.type,
    schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
      occurredAt: event.data.occurredAt,
    },
  }));
