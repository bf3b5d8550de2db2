// The port counts revisions from 1 (a stream's revision = its number of events, 0 = no stream);
// KurrentDB numbers events from 0 and says "no_stream" for an empty stream. Pure mappings only.
import type { AppendExpectedRevision, CurrentRevision } from '@eventstore/db-client';
import { NO_STREAM } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.port.js';

/** The port's revision of the n-th event (1-based) from KurrentDB's event number (0-based). */
export const fromEsdbEventNumber = (eventNumber: bigint): number => Number(eventNumber) + 1;

/** KurrentDB's event number (0-based) of the port's revision n (1-based). */
export const toEsdbEventNumber = (revision: number): bigint => BigInt(revision - 1);

/** A stream's revision (0 = no stream) from KurrentDB's current revision of it. */
export const fromEsdbCurrentRevision = (current: CurrentRevision): number =>
  current === NO_STREAM ? 0 : fromEsdbEventNumber(current);

/**
 * KurrentDB's expected revision for "the stream's revision is exactly `revision`": no_stream for 0,
 * else the 0-based number of its last event (exact n → BigInt(n - 1)). The adapter always appends
 * with an exact expectation, even for the port's `any` and `stream_exists` (see
 * eventstoredb-event-store.ts: the hash chain needs the predecessor it hashed over to still be last).
 */
export const exactEsdbExpectation = (revision: number): AppendExpectedRevision =>
  revision === 0 ? NO_STREAM : toEsdbEventNumber(revision);

/** Whether an append with this expectation may go onto a stream now at `head`. */
export function expectationHolds(expected: ExpectedRevision, head: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return head === 0;
    case 'stream_exists':
      return head > 0;
    default:
      return head === expected;
  }
}

/** Refuses what the port refuses: an exact revision must be a non-negative safe integer. */
export function checkExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new RangeError(`expected revision must be a non-negative integer, got ${expected}`);
  }
}

/**
 * Whether a caller's exact expectation is worth retrying after a conflict: `any` and
 * `stream_exists` are satisfied by any later head, so the adapter re-reads and tries again; an
 * exact revision or no_stream is the caller's decision to make.
 */
export const retriesOnConflict = (expected: ExpectedRevision): boolean => expected === 'any' || expected === 'stream_exists';
