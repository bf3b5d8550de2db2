import { lossAnalysis } from './losses.js';
import { days, eur, lost, won } from './test-fixtures.js';

describe('loss analysis', () => {
  it('lost deals of the period by deal stage and by reason, largest first', () => {
    const deals = [
      lost(1, { dealStage: 'proposal', lostReason: 'price' }),
      lost(2, { dealStage: 'proposal', lostReason: 'competitor' }),
      lost(3, { dealStage: 'demo', lostReason: 'price' }),
      lost(4, { lostReason: 'timing' }),
      lost(11, { dealStage: 'demo', lostReason: 'price' }), // after the period
      won(5, eur(100), { dealStage: 'negotiation' }),
    ];
    const result = lossAnalysis(deals, days(0, 10));
    expect(result.lost).toBe(4);
    // proposal 2 / 4; demo 1 / 4 and no stage 1 / 4 (ties in key order: "demo" < "null")
    expect(result.byStage.map((g) => [g.key, g.count, g.share.value])).toEqual([['proposal', 2, 0.5], ['demo', 1, 0.25], [null, 1, 0.25]]);
    expect(result.byReason.map((g) => [g.key, g.count, g.share.value])).toEqual([['price', 2, 0.5], ['competitor', 1, 0.25], ['timing', 1, 0.25]]);
  });

  it('no losses: empty groups', () => {
    expect(lossAnalysis([], days(0, 10))).toEqual({ lost: 0, byStage: [], byReason: [] });
  });
});
