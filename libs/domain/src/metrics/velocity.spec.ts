import { day, days, eur, journey, lost, usd, won } from './test-fixtures.js';
import { pipelineVelocity, velocityInputs } from './velocity.js';

describe('pipeline velocity', () => {
  const inputs = { openOpportunities: 10, averageDealSize: 5000, winRate: 0.25, averageSalesCycleDays: 30 };

  it('(opportunities × deal size × win rate) / cycle days, in minor units per day', () => {
    // 10 × 5000 × 0.25 / 30 = 12500 / 30 = 416.67 → 417
    expect(pipelineVelocity(inputs, 'EUR')).toEqual({ currency: 'EUR', value: 417, inputs });
  });

  it('names every missing input', () => {
    const result = pipelineVelocity({ ...inputs, winRate: null, averageSalesCycleDays: null }, 'EUR');
    expect(result.value).toBeNull();
    expect(result.reason).toBe('missing: win rate, average sales cycle length');
  });

  it('a zero-day cycle is not divided by', () => {
    expect(pipelineVelocity({ ...inputs, averageSalesCycleDays: 0 }, 'EUR')).toMatchObject({
      value: null, reason: 'average sales cycle length is not positive',
    });
  });

  it('no open opportunities is a real zero, not a missing input', () => {
    expect(pipelineVelocity({ ...inputs, openOpportunities: 0 }, 'EUR').value).toBe(0);
  });
});

describe('velocity inputs', () => {
  it('gathers the four inputs of one currency from the records', () => {
    const opportunity = (leadId: string, value: number, currency: 'EUR' | 'USD') =>
      ({ leadId, amount: currency === 'EUR' ? eur(value) : usd(value), expectedCloseDate: '2026-03-01', dealStage: 'demo', probability: 0.3 });
    const records = {
      openOpportunities: [opportunity('o1', 100, 'EUR'), opportunity('o2', 200, 'EUR'), opportunity('o3', 300, 'USD')],
      deals: [won(1, eur(1000)), won(2, eur(3000)), lost(3), lost(4)],
      journeys: [
        journey('a', [['lead', -9], ['closed', 1]], { wonAt: day(1) }), // 10 days
        journey('b', [['lead', -18], ['closed', 2]], { wonAt: day(2) }), // 20 days
      ],
    };
    // 2 EUR opportunities; average (1000 + 3000) / 2 = 2000; win rate 2 / 4; cycle (10 + 20) / 2 = 15
    const inputs = velocityInputs(records, days(0, 10), 'EUR');
    expect(inputs).toEqual({ openOpportunities: 2, averageDealSize: 2000, winRate: 0.5, averageSalesCycleDays: 15 });
    // 2 × 2000 × 0.5 / 15 = 133.33 → 133 per day
    expect(pipelineVelocity(inputs, 'EUR').value).toBe(133);
  });

  it('with no closed deals the missing inputs are named', () => {
    const inputs = velocityInputs({ openOpportunities: [], deals: [], journeys: [] }, days(0, 10), 'EUR');
    expect(pipelineVelocity(inputs, 'EUR').reason).toBe('missing: average deal size, win rate, average sales cycle length');
  });
});
