import { pipelineVelocity } from './velocity.js';

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
