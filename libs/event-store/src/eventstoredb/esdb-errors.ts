// Tells "KurrentDB cannot be reached (or did not answer in time)" apart from errors a retry would
// only repeat, and turns the former into the port's EventStoreUnavailable.
import { EventStoreUnavailable } from '../event-store.port.js';

// The client's ErrorType values (utils/CommandError): `timeout` is gRPC ABORTED, which the server
// answers when a write's outcome is unknown (commit timeout): retrying with the same event ids is
// safe, so it counts as unavailable. `not-leader`: a follower answered; the client rediscovers the
// leader on the next call.
const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);
// gRPC status codes: 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED, for errors the client did not convert.
const UNAVAILABLE_CODES = new Set([14, 4]);

export function isEsdbUnavailable(error: unknown): boolean {
  // Duck-typed, like the PostgreSQL adapter's check: under jest's vm sandbox, errors made inside
  // the client are not `instanceof` the sandbox's classes.
  if (typeof error !== 'object' || error === null) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  return (typeof type === 'string' && UNAVAILABLE_TYPES.has(type)) || (typeof code === 'number' && UNAVAILABLE_CODES.has(code));
}

/** The error the port promises: EventStoreUnavailable for an unreachable store, anything else as is. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailable) return error;
  return isEsdbUnavailable(error) ? new EventStoreUnavailable(error) : error;
}

export const isErrorType = (error: unknown, type: string): boolean =>
  typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
