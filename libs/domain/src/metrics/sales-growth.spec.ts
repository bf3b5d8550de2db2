import { salesGrowth, wonRevenue } from './sales-growth.js';
import { days, eur, lost, usd, won } from './test-fixtures.js';

describe('sales growth', () => {
  const deals = [won(1, eur(1000)), won(5, eur(3000)), won(12, eur(5000)), lost(13, { amount: eur(800) }), won(14, usd(999))];

  it('won revenue of one currency', () => {
    expect(wonRevenue(deals, days(0, 10), 'EUR')).toBe(4000);
  });

  it('(this period − previous) / previous', () => {
    // (5000 − 4000) / 4000 = 0.25
    expect(salesGrowth(deals, days(10, 20), days(0, 10), 'EUR')).toEqual({
      currency: 'EUR', revenue: 5000, previousRevenue: 4000, growth: { value: 0.25, numerator: 1000, denominator: 4000 },
    });
  });

  it('no revenue in the previous period: null with the reason', () => {
    expect(salesGrowth(deals, days(10, 20), days(0, 10), 'USD').growth).toEqual({
      value: null, numerator: 999, denominator: 0, reason: 'no USD revenue in the previous period',
    });
  });
});
