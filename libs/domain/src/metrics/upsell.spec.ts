import type { ExpansionKind } from '../lifecycle.js';
import type { ProductLine } from '../products.js';
import type { Expansion } from './deals.js';
import { expansionRates, upsellCrossSellRatio } from './upsell.js';
import { day, days, eur, journey, line, lost, won } from './test-fixtures.js';

const expansion = (leadId: string, kind: ExpansionKind, n: number, products: ProductLine[], keyAccount = false): Expansion =>
  ({ leadId, kind, recordedAt: day(n), products, amount: eur(kind === 'downgrade' ? -100 : 100), keyAccount });

describe('upsell/cross-sell ratio', () => {
  const deals = [
    won(1, eur(1000), { products: [line('A', 2)] }),
    won(2, eur(500), { products: [line('B')] }),
    lost(3, { products: [line('C', 5)] }),
    won(12, eur(500), { products: [line('A', 4)] }), // after the period
  ];
  const expansions = [
    expansion('k', 'upsell', 4, [line('A+')], true),
    expansion('n', 'cross_sell', 5, [line('D', 2)]),
    expansion('k', 'downgrade', 6, [line('A')], true), // a downgrade sells nothing
    expansion('k', 'upsell', 15, [line('A+')], true), // after the period
  ];

  it('expansion quantity / (won quantity + expansion quantity), key accounts and all customers', () => {
    // won quantity 2 + 1 = 3; key accounts 1 → 1 / (3 + 1) = 0.25; all customers 1 + 2 = 3 → 3 / (3 + 3) = 0.5
    const result = upsellCrossSellRatio(deals, expansions, days(0, 10));
    expect(result.keyAccounts).toEqual({ expansionQuantity: 1, wonQuantity: 3, ratio: { value: 0.25, numerator: 1, denominator: 4 } });
    expect(result.allCustomers).toEqual({ expansionQuantity: 3, wonQuantity: 3, ratio: { value: 0.5, numerator: 3, denominator: 6 } });
  });

  it('nothing sold: null with the reason', () => {
    expect(upsellCrossSellRatio([], [], days(0, 10)).allCustomers.ratio.reason).toBe('no product sold in the period');
  });
});

describe('rate of upsell, cross-sell and downgrade', () => {
  const journeys = [
    journey('c1', [['lead', 0], ['closed', 1], ['customer', 2]]),
    journey('c2', [['lead', -9], ['closed', -6], ['customer', -5]]),
    journey('c3', [['lead', 0], ['closed', 11], ['customer', 12]]), // a customer only after the period
    journey('c4', [['lead', 0]]),
  ];

  it('distinct customers with one in the period / customers before the period end', () => {
    const expansions = [
      expansion('c1', 'upsell', 3, [line('A')]),
      expansion('c1', 'upsell', 4, [line('A')]), // the same customer twice: once
      expansion('c2', 'downgrade', 5, [line('B')]),
      expansion('c3', 'upsell', 13, [line('A')]),
    ];
    // customers c1, c2 = 2; upsell c1 → 1 / 2; cross-sell 0 / 2; downgrade c2 → 1 / 2
    const result = expansionRates(journeys, expansions, days(0, 10));
    expect(result.customers).toBe(2);
    expect(result.byKind.upsell).toEqual({ customers: 1, rate: { value: 0.5, numerator: 1, denominator: 2 } });
    expect(result.byKind.cross_sell.rate.value).toBe(0);
    expect(result.byKind.downgrade.rate.value).toBe(0.5);
  });

  it('no customers: null with the reason', () => {
    expect(expansionRates([], [], days(0, 10)).byKind.upsell.rate)
      .toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no customers before the end of the period' });
  });
});
