import { stageConversion, stageConversionCohort, stageConversionPeriod, stageEntriesInPeriod } from './stage-conversion.js';
import { days, journey } from './test-fixtures.js';

describe('stage conversion', () => {
  const period = days(0, 10);
  const journeys = [
    journey('a', [['lead', 0], ['mql', 2], ['sal', 4]]),
    journey('b', [['lead', 1], ['sal', 3]]), // skipped mql: passed it on day 3
    journey('c', [['lead', 1], ['mql', 5]]),
    journey('d', [['lead', -5], ['mql', -3], ['sal', 12]]), // entered mql before the period
    journey('e', [['lead', 8], ['mql', 9], ['sal', 15]]), // reached sal after the period: still counts in cohort
    journey('f', [['lead', 0], ['nurturing', 1]]),
  ];

  it('cohort: of the leads that entered mql in the period, those at sal or later since', () => {
    // entered: a, b, c, e = 4; reached sal: a, b, e = 3 → 3 / 4
    const result = stageConversionCohort(journeys, 'mql', 'sal', period);
    expect(result).toMatchObject({ mode: 'cohort', entered: 4, reached: 3 });
    expect(result.conversion.value).toBe(0.75);
  });

  it('period: passages of each stage inside the period, whatever cohort', () => {
    // lead: a0 b1 c1 e8 f0 = 5; nurturing: skipped by a2 b3 c5 e9, entered by f1 = 5;
    // mql: a2 b3 c5 e9 = 4; sal: a4 b3 = 2 (d12 and e15 are after the period)
    expect(stageEntriesInPeriod(journeys, period)).toEqual({ lead: 5, nurturing: 5, mql: 4, sal: 2, sql: 0, closed: 0, customer: 0 });
    // sal / mql = 2 / 4
    expect(stageConversionPeriod(journeys, 'mql', 'sal', period).conversion).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
  });

  it('a recycled lead is one member of the cohort but two entries in the period', () => {
    const recycled = [journey('g', [['lead', 0], ['mql', 1], ['nurturing', 2], ['mql', 3]])];
    expect(stageConversion(recycled, 'mql', 'sal', period, 'cohort')).toMatchObject({ entered: 1, reached: 0 });
    expect(stageConversion(recycled, 'mql', 'sal', period, 'period')).toMatchObject({ entered: 2, reached: 0 });
  });

  it('empty input: null with a reason in both modes', () => {
    for (const mode of ['cohort', 'period'] as const) {
      expect(stageConversion([], 'mql', 'sql', period, mode).conversion)
        .toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no lead entered mql in the period' });
    }
  });

  it('refuses a conversion that does not go forward', () => {
    expect(() => stageConversionCohort(journeys, 'sal', 'mql', period)).toThrow(RangeError);
    expect(() => stageConversionPeriod(journeys, 'sal', 'sal', period)).toThrow(RangeError);
  });
});
