import { annualisedValue, averageDealSize, dealSizes } from './deal-size.js';
import { days, eur, lost, usd, won } from './test-fixtures.js';

describe('deal size and ACV', () => {
  const deals = [
    won(1, eur(1000), { termMonths: 24 }), // ACV 1000 × 12 / 24 = 500
    won(2, eur(2001)), // no term: counts as a year, ACV 2001
    won(3, eur(3000), { termMonths: 6 }), // ACV 3000 × 12 / 6 = 6000
    lost(4, { amount: eur(9999) }),
    won(5, usd(500)),
    won(12, eur(7000)), // after the period
  ];

  it('annualises by term', () => {
    expect(annualisedValue({ amount: eur(1200), termMonths: 36 })).toBe(400);
    expect(annualisedValue({ amount: eur(1200) })).toBe(1200);
  });

  it('averages won amounts of one currency, rounded once to minor units', () => {
    // total 6001; average 6001 / 3 = 2000.33 → 2000; ACV (500 + 2001 + 6000) / 3 = 2833.67 → 2834
    expect(averageDealSize(deals, days(0, 10), 'EUR')).toEqual({ currency: 'EUR', won: 3, total: 6001, average: 2000, averageAcv: 2834 });
  });

  it('one row per currency, never mixed', () => {
    expect(dealSizes(deals, days(0, 10)).map((d) => [d.currency, d.won, d.average])).toEqual([['EUR', 3, 2000], ['USD', 1, 500]]);
  });

  it('no won deal: null with the reason', () => {
    expect(averageDealSize(deals, days(0, 10), 'GBP')).toEqual({
      currency: 'GBP', won: 0, total: 0, average: null, averageAcv: null, reason: 'no deal won in GBP in the period',
    });
    expect(dealSizes([], days(0, 10))).toEqual([]);
  });
});
