import type { OpenOpportunity } from './deals.js';
import { pipelineCoverage } from './coverage.js';
import { eur, usd } from './test-fixtures.js';
import type { Money } from '../money.js';

describe('pipeline coverage', () => {
  const january = { fromDay: '2026-01-01', toDay: '2026-02-01' };
  const opp = (leadId: string, amount: Money, expectedCloseDate: string, probability: number): OpenOpportunity =>
    ({ leadId, amount, expectedCloseDate, dealStage: 'demo', probability });
  const opportunities = [
    opp('a', eur(10000), '2026-01-10', 0.1),
    opp('b', eur(20000), '2026-01-31', 0.6),
    opp('c', eur(5000), '2026-02-01', 0.8), // closes after the period
    opp('d', usd(7000), '2026-01-05', 0.5), // another currency: counted apart, never added
  ];

  it('plain and probability-weighted, against the target', () => {
    // plain 10000 + 20000 = 30000 → 30000 / 60000 = 0.5
    // weighted 10000 × 0.1 + 20000 × 0.6 = 13000 → 13000 / 60000
    const result = pipelineCoverage(opportunities, january, 'EUR', eur(60000));
    expect(result).toMatchObject({
      currency: 'EUR', opportunities: 2, otherCurrencyOpportunities: 1, pipelineValue: 30000, weightedPipelineValue: 13000, target: 60000,
    });
    expect(result.coverage).toEqual({ value: 0.5, numerator: 30000, denominator: 60000 });
    expect(result.weightedCoverage.value).toBeCloseTo(13000 / 60000, 12);
  });

  it('no target: null with the reason', () => {
    const result = pipelineCoverage(opportunities, january, 'EUR', null);
    expect(result.target).toBeNull();
    expect(result.coverage).toEqual({ value: null, numerator: 30000, denominator: 0, reason: 'no sales target for the period' });
    expect(result.weightedCoverage.value).toBeNull();
  });

  it('a zero target and an empty pipeline', () => {
    expect(pipelineCoverage([], january, 'EUR', eur(0)).coverage.reason).toBe('the sales target is 0');
    expect(pipelineCoverage([], january, 'EUR', eur(100)).coverage.value).toBe(0);
  });

  it('refuses a target in another currency', () => {
    expect(() => pipelineCoverage(opportunities, january, 'EUR', usd(100))).toThrow(RangeError);
  });
});
