import { NO_STREAM } from '@eventstore/db-client';
import {
  checkExpectedRevision,
  exactEsdbExpectation,
  expectationHolds,
  fromEsdbCurrentRevision,
  fromEsdbEventNumber,
  retriesOnConflict,
  toEsdbEventNumber,
} from './esdb-revision.js';

describe('revisions: the port counts from 1, KurrentDB from 0', () => {
  it('maps event numbers both ways', () => {
    expect(fromEsdbEventNumber(0n)).toBe(1);
    expect(fromEsdbEventNumber(41n)).toBe(42);
    expect(toEsdbEventNumber(1)).toBe(0n);
    expect(toEsdbEventNumber(42)).toBe(41n);
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe(0);
    expect(fromEsdbCurrentRevision(4n)).toBe(5);
  });

  it('states the exact head to KurrentDB: no_stream for an empty stream, else BigInt(n - 1)', () => {
    expect(exactEsdbExpectation(0)).toBe(NO_STREAM);
    expect(exactEsdbExpectation(1)).toBe(0n);
    expect(exactEsdbExpectation(7)).toBe(6n);
  });

  it.each([
    ['any', 0, true], ['any', 5, true],
    ['no_stream', 0, true], ['no_stream', 1, false],
    ['stream_exists', 0, false], ['stream_exists', 3, true],
    [0, 0, true], [2, 2, true], [2, 3, false], [3, 2, false],
  ] as const)('expectation %p on a stream at %p holds: %p', (expected, head, holds) => {
    expect(expectationHolds(expected, head)).toBe(holds);
  });

  it('retries a conflict only for any and stream_exists; refuses malformed exact revisions', () => {
    expect([retriesOnConflict('any'), retriesOnConflict('stream_exists'), retriesOnConflict('no_stream'), retriesOnConflict(3)]).toEqual([true, true, false, false]);
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => checkExpectedRevision(bad)).toThrow(RangeError);
    expect(() => checkExpectedRevision(0)).not.toThrow();
    expect(() => checkExpectedRevision('any')).not.toThrow();
  });
});
