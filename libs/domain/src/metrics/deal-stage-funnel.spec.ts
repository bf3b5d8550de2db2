import { DEFAULT_PIPELINES } from '../pipelines.js';
import { dealStageFunnel, type OpportunityPath } from './deal-stage-funnel.js';
import { day, days } from './test-fixtures.js';

describe('deal-stage funnel', () => {
  const pipeline = DEFAULT_PIPELINES[0]; // discovery → demo → proposal → negotiation
  const opp = (leadId: string, n: number, dealStages: string[], outcome?: 'won' | 'lost'): OpportunityPath =>
    ({ leadId, enteredAt: day(n), dealStages, ...(outcome ? { outcome } : {}) });

  it('reached per stage (skips and wins count as passed), conversions, losses where they happened', () => {
    const opportunities = [
      opp('o1', 1, ['discovery', 'demo', 'proposal'], 'won'), // won: passed every stage
      opp('o2', 2, ['discovery', 'demo'], 'lost'), // lost at demo
      opp('o3', 3, ['discovery']),
      opp('o4', 4, ['discovery', 'proposal']), // skipped demo
      opp('o5', 5, ['discovery', 'demo', 'proposal', 'demo'], 'lost'), // moved back, lost at demo
      opp('o6', 12, ['discovery'], 'won'), // entered after the period
    ];
    const result = dealStageFunnel(opportunities, pipeline, days(0, 10));
    // reached: discovery 5, demo 4 (o1 o2 o4 o5), proposal 3 (o1 o4 o5), negotiation 1 (o1); won 1
    expect(result.stages.map((s) => [s.dealStage, s.reached, s.conversionToNext.value, s.lost])).toEqual([
      ['discovery', 5, 4 / 5, 0],
      ['demo', 4, 3 / 4, 2],
      ['proposal', 3, 1 / 3, 0],
      ['negotiation', 1, 1, 0], // to won: 1 / 1
    ]);
    expect(result).toMatchObject({ pipeline: 'default', opportunities: 5, won: 1 });
    expect(result.overall).toEqual({ value: 0.2, numerator: 1, denominator: 5 });
  });

  it('no opportunities: zero counts and null conversions', () => {
    const result = dealStageFunnel([], pipeline, days(0, 10));
    expect(result.stages.every((s) => s.reached === 0 && s.conversionToNext.value === null)).toBe(true);
    expect(result.overall.reason).toBe('no opportunity entered the pipeline in the period');
  });
});
