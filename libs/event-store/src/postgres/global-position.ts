// The public position: the (transaction id, sequence position) pair as one string that sorts in
// delivery order. Both halves are 20-digit zero-padded decimals (u64 max has 20 digits).
import { InvalidGlobalPosition, START, type GlobalPosition } from '../event-store.port.js';

export interface PositionPair {
  readonly txId: string;
  readonly position: string;
}

const WIDTH = 20;
const FORMAT = /^(\d{20}):(\d{20})$/;

export function formatPosition(txId: string, position: string): GlobalPosition {
  return `${txId.padStart(WIDTH, '0')}:${position.padStart(WIDTH, '0')}`;
}

/** The pair to resume strictly after; START becomes (0, 0), before every stored event. */
export function parsePosition(value: GlobalPosition): PositionPair {
  if (value === START) return { txId: '0', position: '0' };
  const match = FORMAT.exec(value);
  if (!match) throw new InvalidGlobalPosition(value);
  return { txId: BigInt(match[1]).toString(), position: BigInt(match[2]).toString() };
}
