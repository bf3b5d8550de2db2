import { salesCycleLength } from './sales-cycle.js';
import { day, days, journey } from './test-fixtures.js';

describe('sales cycle length', () => {
  const journeys = [
    journey('a', [['lead', 0], ['sql', 4], ['closed', 6]], { wonAt: day(6) }), // 6 d from lead, 2 d from sql
    journey('b', [['lead', -10], ['sql', 2], ['closed', 8]], { wonAt: day(8) }), // 18 d, 6 d
    journey('c', [['lead', 0], ['sql', 1], ['closed', 12]], { wonAt: day(12) }), // won after the period
    journey('d', [['lead', 0], ['sql', 1], ['closed', 3]]), // lost
  ];

  it('from lead to won, over the deals won in the period', () => {
    // [6, 18]: mean 12, median 12, p90 rank ceil(1.8) = 2 → 18
    expect(salesCycleLength(journeys, days(0, 10))).toEqual({ start: 'lead', count: 2, mean: 12, median: 12, p90: 18 });
  });

  it('from sql when asked', () => {
    // [2, 6]: mean 4, median 4, p90 6
    expect(salesCycleLength(journeys, days(0, 10), 'sql')).toEqual({ start: 'sql', count: 2, mean: 4, median: 4, p90: 6 });
  });

  it('no win in the period: null with the reason', () => {
    expect(salesCycleLength(journeys, days(20, 30))).toEqual({
      start: 'lead', count: 0, mean: null, median: null, p90: null, reason: 'no deal won in the period',
    });
  });
});
