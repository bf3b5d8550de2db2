import { InvalidGlobalPosition, START } from '../event-store.port.js';
import { formatEsdbPosition, knownPosition, parseEsdbPosition } from './esdb-position.js';

const U64_MAX = 2n ** 64n - 1n;

describe('KurrentDB $all positions as global positions', () => {
  it('round-trips a (commit, prepare) pair through one zero-padded string', () => {
    const position = { commit: 1234567n, prepare: 1234500n };
    const encoded = formatEsdbPosition(position);
    expect(encoded).toBe('00000000000001234567:00000000000001234500');
    expect(parseEsdbPosition(encoded)).toEqual(position);
    expect(parseEsdbPosition(formatEsdbPosition({ commit: U64_MAX - 1n, prepare: 0n }))).toEqual({ commit: U64_MAX - 1n, prepare: 0n });
  });

  it('sorts as strings exactly as KurrentDB orders positions: commit, then prepare', () => {
    const pairs = [
      { commit: 10n, prepare: 10n },
      { commit: 9n, prepare: 9n },
      { commit: 100n, prepare: 20n },
      { commit: 100n, prepare: 3n },
      { commit: 2n ** 40n, prepare: 1n },
      { commit: 1000n, prepare: 999n },
    ];
    const byKurrent = [...pairs].sort((a, b) => (a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1));
    const byString = [...pairs].map(formatEsdbPosition).sort();
    expect(byString).toEqual(byKurrent.map(formatEsdbPosition));
    for (const pair of pairs) expect(formatEsdbPosition(pair) > START).toBe(true);
    expect(formatEsdbPosition({ commit: 0n, prepare: 0n }) > START).toBe(true);
  });

  it('START means the beginning; anything this store never produced is refused', () => {
    expect(parseEsdbPosition(START)).toBe('start');
    for (const bad of ['', '1', '1:2', 'abc', '00000000000000000001', '00000000000000000001:0000000000000000000x', '99999999999999999999:00000000000000000000']) {
      expect(() => parseEsdbPosition(bad)).toThrow(InvalidGlobalPosition);
    }
  });

  it('a position a server left unfilled (u64 max, or none) is unknown, never passed on', () => {
    expect(knownPosition(undefined)).toBeUndefined();
    expect(knownPosition({ commit: U64_MAX, prepare: U64_MAX })).toBeUndefined();
    expect(knownPosition({ commit: 5n, prepare: 5n })).toEqual({ commit: 5n, prepare: 5n });
  });
});
