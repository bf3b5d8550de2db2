import type { StageEntry } from './journey.js';
import { conversionsByNurtureTrack } from './nurture-tracks.js';
import { day, days } from './test-fixtures.js';

describe('conversions by nurture track', () => {
  const entry = (stage: StageEntry['stage'], n: number, track?: string): StageEntry => ({ stage, at: day(n), ...(track ? { track } : {}) });

  it('per track: leads nurtured on it in the period, and of them those at mql or later since', () => {
    const journeys = [
      { leadId: 'a', entries: [entry('lead', 0), entry('nurturing', 1, 'webinar'), entry('mql', 4)] },
      { leadId: 'b', entries: [entry('lead', 0), entry('nurturing', 2, 'webinar')] },
      // moved from ebook to webinar inside one stay; reached mql after the period: counts on both tracks
      { leadId: 'c', entries: [entry('lead', 0), entry('nurturing', 1, 'ebook'), entry('mql', 12)], trackChanges: [{ track: 'webinar', at: day(3) }] },
      // recycled into nurturing after being an mql: the earlier mql does not count
      { leadId: 'd', entries: [entry('lead', 0), entry('mql', 1), entry('nurturing', 2, 'ebook')] },
      { leadId: 'e', entries: [entry('lead', -5), entry('nurturing', -4, 'ebook'), entry('mql', 1)] }, // nurtured before
    ];
    // ebook: c, d → reached c → 1 / 2; webinar: a, b, c → reached a, c → 2 / 3
    expect(conversionsByNurtureTrack(journeys, days(0, 10)).map((r) => [r.track, r.entered, r.reachedMql, r.conversion.value]))
      .toEqual([['ebook', 2, 1, 0.5], ['webinar', 3, 2, 2 / 3]]);
  });

  it('a track change alone starts the new track in its period; a track taken up after the mql is not reached', () => {
    const journeys = [
      // nurtured on ebook before the period, moved onto webinar inside it, then mql
      { leadId: 'f', entries: [entry('lead', -5), entry('nurturing', -4, 'ebook'), entry('mql', 5)], trackChanges: [{ track: 'webinar', at: day(2) }] },
      // ebook, mql, recycled back onto ebook, then moved to product and never an mql again
      {
        leadId: 'g', entries: [entry('lead', 0), entry('nurturing', 1, 'ebook'), entry('mql', 2), entry('nurturing', 3, 'ebook')],
        trackChanges: [{ track: 'product', at: day(4) }],
      },
      // back onto a track it was on earlier in the period: counted once, from its first start
      { leadId: 'h', entries: [entry('lead', 0), entry('nurturing', 1, 'ebook')], trackChanges: [{ track: 'product', at: day(2) }, { track: 'ebook', at: day(3) }] },
    ];
    // ebook: g (reached, mql on day 2 after its start on day 1), h (not) → 1 / 2; product: g, h → 0 / 2; webinar: f → 1 / 1
    expect(conversionsByNurtureTrack(journeys, days(0, 10)).map((r) => [r.track, r.entered, r.reachedMql]))
      .toEqual([['ebook', 2, 1], ['product', 2, 0], ['webinar', 1, 1]]);
  });

  it('no nurturing: no rows', () => {
    expect(conversionsByNurtureTrack([], days(0, 10))).toEqual([]);
  });
});
