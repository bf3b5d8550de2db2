import { leadRoiBySource } from './lead-roi.js';
import { days, eur, usd, won } from './test-fixtures.js';

describe('lead ROI by source', () => {
  it('(revenue − cost) / cost per source, one currency', () => {
    const deals = [
      won(1, eur(3000), { source: 'website' }),
      won(2, eur(1000), { source: 'website' }),
      won(3, eur(500), { source: 'event' }),
      won(4, eur(800), { source: 'referral' }), // no cost recorded
      won(5, eur(700)), // no source: nothing to weigh it against
      won(6, usd(999), { source: 'website' }), // another currency
      won(15, eur(5000), { source: 'event' }), // after the period
    ];
    const costs = [
      { source: 'website' as const, amount: eur(2000) },
      { source: 'event' as const, amount: eur(1000) },
      { source: 'social' as const, amount: eur(400) },
      { source: 'website' as const, amount: usd(100) },
    ];
    // event (500 − 1000) / 1000 = −0.5; referral no cost; social (0 − 400) / 400 = −1; website (4000 − 2000) / 2000 = 1
    const rows = leadRoiBySource(deals, costs, days(0, 10), 'EUR');
    expect(rows.map((r) => [r.source, r.revenue, r.cost, r.roi.value])).toEqual([
      ['event', 500, 1000, -0.5], ['referral', 800, 0, null], ['social', 0, 400, -1], ['website', 4000, 2000, 1],
    ]);
    expect(rows[1].roi.reason).toBe('no EUR cost recorded for referral');
  });

  it('nothing won, nothing spent: no rows', () => {
    expect(leadRoiBySource([], [], days(0, 10), 'EUR')).toEqual([]);
  });
});
