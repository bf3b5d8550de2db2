import { START } from '../event-store.port.js';
import { formatPosition, parsePosition } from './global-position.js';

describe('global position', () => {
  it('sorts as a string in (transaction, position) order, START first', () => {
    const positions = [
      formatPosition('9', '100'),
      formatPosition('10', '3'),
      formatPosition('10', '20'),
      formatPosition('18446744073709551615', '1'),
    ];
    expect([...positions].sort()).toEqual(positions);
    expect(positions.every((position) => START < position)).toBe(true);
  });

  it('parses back to the pair, and START to (0, 0)', () => {
    expect(parsePosition(formatPosition('760', '3'))).toEqual({ txId: '760', position: '3' });
    expect(parsePosition(START)).toEqual({ txId: '0', position: '0' });
  });

  it('refuses strings it never produced', () => {
    for (const bad of ['', '12', '1:2', `${'0'.repeat(20)}:${'0'.repeat(19)}x`]) expect(() => parsePosition(bad)).toThrow(TypeError);
  });
});
