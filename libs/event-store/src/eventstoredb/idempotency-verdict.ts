// Whether an append's events are already in its stream, decided from what the stream holds. The
// PostgreSQL adapter decides this inside es_append; here it is asked whenever an event id was
// claimed before (event-id-claims.ts) or KurrentDB refused the expected revision.
import type { ExpectedRevision, RecordedEvent } from '../event-store.port.js';

export type IdempotencyVerdict =
  /** None of the events is stored: append them. */
  | { readonly kind: 'absent' }
  /** Every event is stored, in order, where this append would have put it: answer without writing. */
  | { readonly kind: 'stored'; readonly last: RecordedEvent }
  /** Some event is stored, but not as this append would store it. */
  | { readonly kind: 'duplicate'; readonly eventId: string; readonly revision: number };

/** `found`: the events of the stream whose ids are among `eventIds`, in revision order. */
export function idempotencyVerdict(expected: ExpectedRevision, eventIds: readonly string[], found: readonly RecordedEvent[]): IdempotencyVerdict {
  if (found.length === 0) return { kind: 'absent' };
  const wanted = eventIds.map((id) => id.toLowerCase());
  const inPlace =
    found.length === wanted.length &&
    found.every((event, i) => event.eventId.toLowerCase() === wanted[i] && event.revision === found[0].revision + i) &&
    startsWhereExpected(expected, found[0].revision);
  if (inPlace) return { kind: 'stored', last: found[found.length - 1] };
  return { kind: 'duplicate', eventId: found[0].eventId, revision: found[0].revision };
}

// As es_append: an exact revision n (or no_stream, n = 0) puts the first event at n + 1; `any` and
// `stream_exists` accept the events wherever they were stored.
function startsWhereExpected(expected: ExpectedRevision, firstRevision: number): boolean {
  if (expected === 'any' || expected === 'stream_exists') return true;
  return firstRevision === (expected === 'no_stream' ? 0 : expected) + 1;
}
