import { eur, days, lost, won } from './test-fixtures.js';
import { winRate } from './win-rate.js';

describe('win rate', () => {
  it('won / (won + lost) among deals closed in the period', () => {
    const deals = [won(1, eur(100)), won(2, eur(100)), lost(3), won(10, eur(100)), lost(-1)];
    // in [0, 10): won 2, lost 1 → 2 / 3
    expect(winRate(deals, days(0, 10))).toEqual({ won: 2, lost: 1, winRate: { value: 2 / 3, numerator: 2, denominator: 3 } });
  });

  it('no deal closed: null with the reason', () => {
    expect(winRate([], days(0, 10))).toEqual({
      won: 0, lost: 0, winRate: { value: null, numerator: 0, denominator: 0, reason: 'no deal closed in the period' },
    });
  });
});
