import { stalledLeads, staysOf, timeInStage } from './time-in-stage.js';
import { day, days, journey } from './test-fixtures.js';

describe('time in stage', () => {
  it('a stay lasts from one entry to the next; the current stage has no stay yet', () => {
    expect(staysOf(journey('a', [['lead', 0], ['mql', 2]]))).toEqual([{ leadId: 'a', stage: 'lead', enteredAt: day(0), leftAt: day(2) }]);
  });

  it('mean, median and nearest-rank p90 in days of the stays that ended in the period', () => {
    const journeys = [
      journey('a', [['lead', 0], ['mql', 2], ['sal', 5]]), // lead 2 d, mql 3 d
      journey('b', [['lead', 0], ['mql', 4], ['sal', 20]]), // lead 4 d; its mql stay ends after the period
      journey('c', [['lead', -3], ['mql', 1]]), // lead 4 d, ended in the period
      journey('d', [['lead', 3], ['nurturing', 9]]), // lead 6 d
    ];
    const rows = timeInStage(journeys, days(0, 10));
    // lead: [2, 4, 4, 6] → mean 16 / 4 = 4, median (4 + 4) / 2 = 4, p90 rank ceil(3.6) = 4 → 6
    expect(rows.find((r) => r.stage === 'lead')).toEqual({ stage: 'lead', count: 4, mean: 4, median: 4, p90: 6 });
    expect(rows.find((r) => r.stage === 'mql')).toEqual({ stage: 'mql', count: 1, mean: 3, median: 3, p90: 3 });
    expect(rows.find((r) => r.stage === 'nurturing')).toEqual({
      stage: 'nurturing', count: 0, mean: null, median: null, p90: null, reason: 'no lead left nurturing in the period',
    });
  });

  it('empty input: every stage, all null', () => {
    const rows = timeInStage([], days(0, 10));
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.count === 0 && r.mean === null && r.reason !== undefined)).toBe(true);
  });

  it('lists active leads waiting past the threshold at `now`, longest first', () => {
    const journeys = [
      journey('s1', [['lead', 0], ['mql', 1]], { ownerId: 'ann' }), // 9 days in mql
      journey('s2', [['lead', 0]]), // 10 days in lead
      journey('s3', [['lead', 0], ['sal', 5]]), // 5 days: under the threshold
      journey('s4', [['lead', 0], ['closed', 1]]), // closed is an end, not a wait
      journey('s5', [['lead', 0]], { status: 'disqualified' }),
      journey('s6', [['lead', 0], ['mql', 3]]), // exactly 7 days: not past it
    ];
    expect(stalledLeads(journeys, { now: day(10), thresholdDays: 7 })).toEqual([
      { leadId: 's2', stage: 'lead', enteredAt: day(0), days: 10 },
      { leadId: 's1', stage: 'mql', enteredAt: day(1), days: 9, ownerId: 'ann' },
    ]);
    expect(stalledLeads(journeys, { now: day(10), thresholdDays: 7, stages: ['mql'] }).map((s) => s.leadId)).toEqual(['s1']);
    expect(stalledLeads([], { now: day(10), thresholdDays: 7 })).toEqual([]);
  });
});
