import { pipelineConversion } from './pipeline-conversion.js';
import { day, days, journey } from './test-fixtures.js';

describe('pipeline conversion', () => {
  const journeys = [
    journey('a', [['lead', 0], ['sql', 2], ['closed', 5]], { wonAt: day(5) }),
    journey('b', [['lead', 0], ['sql', 3], ['closed', 15]], { wonAt: day(15) }), // won after the period
    journey('c', [['lead', -10], ['sql', -5], ['closed', 4]], { wonAt: day(4) }), // qualified before the period
    journey('d', [['lead', 0], ['sql', 4]]),
    journey('e', [['lead', -10], ['sql', -5], ['closed', 6]], { wonAt: day(6) }),
  ];

  it('cohort: of the opportunities that entered sql in the period, those won since', () => {
    // entered a, b, d = 3; won a, b = 2
    expect(pipelineConversion(journeys, days(0, 10), 'cohort')).toEqual({
      mode: 'cohort', entered: 3, won: 2, conversion: { value: 2 / 3, numerator: 2, denominator: 3 },
    });
  });

  it('period: won in the period / entered in the period', () => {
    // won in [0, 10): a, c, e = 3; entered 3
    expect(pipelineConversion(journeys, days(0, 10), 'period').conversion).toEqual({ value: 1, numerator: 3, denominator: 3 });
  });

  it('nothing entered: null with the reason', () => {
    expect(pipelineConversion([], days(0, 10), 'cohort').conversion.reason).toBe('no opportunity entered the pipeline in the period');
  });
});
