import { funnel } from './funnel.js';
import { day, days, journey } from './test-fixtures.js';

describe('funnel', () => {
  const period = days(0, 10);
  const journeys = [
    journey('a', [['lead', 0], ['mql', 2], ['sal', 4], ['sql', 5], ['closed', 7], ['customer', 8]], { wonAt: day(7) }),
    journey('b', [['lead', 1], ['sal', 3]]),
    journey('c', [['lead', 2], ['nurturing', 3]]),
    journey('d', [['lead', -5], ['mql', -3], ['sql', 5], ['closed', 6]]), // captured before; lost in the period
    journey('e', [['lead', 12]]),
  ];

  const counts = (f: ReturnType<typeof funnel>): Record<string, number> =>
    Object.fromEntries(f.stages.map((s) => [s.stage, s.count]));

  it('cohort: the leads captured in the period, counted at every stage they reached or passed', () => {
    // cohort a, b, c; furthest: a customer, b sal, c nurturing
    const result = funnel(journeys, period, 'cohort');
    expect(counts(result)).toEqual({ lead: 3, nurturing: 3, mql: 2, sal: 2, sql: 1, closed: 1, customer: 1 });
    expect(result.stages.map((s) => s.conversionToNext.value)).toEqual([1, 2 / 3, 1, 0.5, 1, 1, null]);
    expect(result.stages[6].conversionToNext.reason).toBe('customer is the last stage');
    // won a / 3 captured
    expect(result.won).toBe(1);
    expect(result.overall).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
  });

  it('period: the leads with an entry in the period, at their furthest stage inside it', () => {
    // a customer, b sal, c nurturing, d closed (its sql and closed entries are in the period); e none
    const result = funnel(journeys, period, 'period');
    expect(counts(result)).toEqual({ lead: 4, nurturing: 4, mql: 3, sal: 3, sql: 2, closed: 2, customer: 1 });
    // won in the period: a → 1 / 4
    expect(result.overall).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
  });

  it('lists every stage in lifecycle order even when empty, with null conversions', () => {
    const result = funnel([], period, 'cohort');
    expect(result.stages.map((s) => s.stage)).toEqual(['lead', 'nurturing', 'mql', 'sal', 'sql', 'closed', 'customer']);
    expect(result.stages[0].conversionToNext).toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no lead at lead or later' });
    expect(result.overall).toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no lead in the funnel' });
  });
});
