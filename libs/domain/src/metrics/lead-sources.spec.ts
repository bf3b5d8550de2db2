import { leadsBySource, leadsByStage } from './lead-sources.js';
import { day, days, journey } from './test-fixtures.js';

describe('leads by source and by stage', () => {
  it('the cohort captured in the period per source, with conversion to won', () => {
    const journeys = [
      journey('a', [['lead', 0]], { source: 'website', wonAt: day(20) }),
      journey('b', [['lead', 1]], { source: 'website' }),
      journey('c', [['lead', 2]], { source: 'event', wonAt: day(5) }),
      journey('d', [['lead', 3]]), // no source recorded
      journey('e', [['lead', -1]], { source: 'website', wonAt: day(2) }), // captured before the period
    ];
    // event 1 / 1; unknown 0 / 1; website 1 / 2
    expect(leadsBySource(journeys, days(0, 10)).map((r) => [r.source, r.leads, r.won, r.conversionToWon.value]))
      .toEqual([['event', 1, 1, 1], ['unknown', 1, 0, 0], ['website', 2, 1, 0.5]]);
    expect(leadsBySource([], days(0, 10))).toEqual([]);
  });

  it('the stage each lead was in just before the instant', () => {
    const journeys = [
      journey('a', [['lead', 0], ['mql', 2], ['sal', 6]]), // mql at day 5
      journey('b', [['lead', 1]]),
      journey('c', [['lead', 2], ['sal', 5]]), // the day-5 entry is not before day 5
      journey('d', [['lead', 7]]), // not yet a lead
    ];
    expect(leadsByStage(journeys, day(5))).toEqual([
      { stage: 'lead', count: 2 }, { stage: 'nurturing', count: 0 }, { stage: 'mql', count: 1 }, { stage: 'sal', count: 0 },
      { stage: 'sql', count: 0 }, { stage: 'closed', count: 0 }, { stage: 'customer', count: 0 },
    ]);
  });
});
