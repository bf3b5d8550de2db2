// KurrentDB's $all position is a (commit, prepare) pair of log offsets, ordered by commit then
// prepare. The port's GlobalPosition is one string that sorts in delivery order, so both halves are
// written as 20-digit zero-padded decimals (u64 max has 20 digits) joined by ':', the same shape
// as the PostgreSQL adapter's (transaction id, sequence position).
import type { Position } from '@eventstore/db-client';
import { InvalidGlobalPosition, START, type GlobalPosition } from '../event-store.port.js';

const WIDTH = 20;
const FORMAT = /^(\d{20}):(\d{20})$/;
const U64_MAX = 2n ** 64n - 1n;

export function formatEsdbPosition({ commit, prepare }: Position): GlobalPosition {
  return `${commit.toString().padStart(WIDTH, '0')}:${prepare.toString().padStart(WIDTH, '0')}`;
}

/** The pair to resume strictly after, or 'start' for START (before every event). */
export function parseEsdbPosition(value: GlobalPosition): Position | 'start' {
  if (value === START) return 'start';
  const match = FORMAT.exec(value);
  if (!match) throw new InvalidGlobalPosition(value);
  const position = { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (position.commit > U64_MAX || position.prepare > U64_MAX) throw new InvalidGlobalPosition(value);
  return position;
}

/**
 * Servers before 22.10 answer stream reads without the event's $all position: the fields then hold
 * u64 max (or are missing). Such a position must never reach a caller as if it were real.
 */
export function knownPosition(position: Position | undefined): Position | undefined {
  if (position === undefined || position.commit === U64_MAX || position.prepare === U64_MAX) return undefined;
  return position;
}
