import type { Expansion } from './deals.js';
import { attributeToProducts, revenueByProduct } from './revenue-by-product.js';
import { day, days, eur, line, usd, won } from './test-fixtures.js';

describe('revenue by product', () => {
  it('attributes what priced lines do not cover to the one unpriced line, else to no product', () => {
    // 1000 − 300 = 700 to B
    expect(attributeToProducts([line('A', 1, eur(300)), line('B')], eur(1000)))
      .toEqual([{ sku: 'A', amount: eur(300) }, { sku: 'B', amount: eur(700) }]);
    expect(attributeToProducts([line('A'), line('B')], eur(1000))).toEqual([{ sku: null, amount: eur(1000) }]);
    expect(attributeToProducts([], eur(500))).toEqual([{ sku: null, amount: eur(500) }]);
    expect(attributeToProducts([line('A', 1, eur(1000))], eur(1000))).toEqual([{ sku: 'A', amount: eur(1000) }]);
  });

  it('won and expansion revenue per product and currency', () => {
    const deals = [
      won(1, eur(1000), { products: [line('A', 1, eur(300)), line('B')] }),
      won(2, usd(200), { products: [line('A')] }),
      won(12, eur(9999), { products: [line('A')] }), // after the period
    ];
    const expansions: Expansion[] = [
      { leadId: 'x', kind: 'upsell', recordedAt: day(3), products: [line('A')], amount: eur(150), keyAccount: false },
      { leadId: 'x', kind: 'downgrade', recordedAt: day(4), products: [line('B')], amount: eur(-100), keyAccount: false },
    ];
    // EUR A: won 300 + expansion 150 = 450; EUR B: won 700; USD A: won 200
    expect(revenueByProduct(deals, expansions, days(0, 10))).toEqual([
      { sku: 'A', currency: 'EUR', won: 300, expansion: 150, total: 450 },
      { sku: 'B', currency: 'EUR', won: 700, expansion: 0, total: 700 },
      { sku: 'A', currency: 'USD', won: 200, expansion: 0, total: 200 },
    ]);
  });

  it('nothing sold: no rows', () => {
    expect(revenueByProduct([], [], days(0, 10))).toEqual([]);
  });
});
