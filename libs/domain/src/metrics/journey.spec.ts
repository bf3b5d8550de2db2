import { firstPassageIn, passagesOf, reachedSince, stageAt } from './journey.js';
import { day, days, journey } from './test-fixtures.js';

describe('journey', () => {
  // lead d0 → mql d2 (skips nurturing) → nurturing d5 (recycled) → sal d8 (skips mql)
  const j = journey('a', [['lead', 0], ['mql', 2], ['nurturing', 5], ['sal', 8]]);

  it('a forward skip passes the skipped stage; a backward move across it does not', () => {
    expect(passagesOf(j, 'nurturing')).toEqual([day(2), day(5)]); // skipped at d2, entered at d5
    expect(passagesOf(j, 'mql')).toEqual([day(2), day(8)]); // entered d2, skipped d8; the d5 move back is no passage
    expect(passagesOf(j, 'sql')).toEqual([]);
  });

  it('the first entry passes every stage below it', () => {
    expect(passagesOf(journey('b', [['sal', 1]]), 'lead')).toEqual([day(1)]);
  });

  it('finds the first passage inside a half-open period', () => {
    expect(firstPassageIn(j, 'mql', days(3, 9))).toBe(day(8));
    expect(firstPassageIn(j, 'mql', days(3, 8))).toBeUndefined();
  });

  it('reachedSince looks only at or after the instant', () => {
    expect(reachedSince(j, 'mql', day(5))).toBe(true); // sal at d8
    expect(reachedSince(j, 'sql', day(0))).toBe(false);
    expect(reachedSince(journey('c', [['mql', 1], ['nurturing', 3]]), 'mql', day(2))).toBe(false);
  });

  it('stageAt: the stage before the instant', () => {
    expect(stageAt(j, day(5))).toBe('mql'); // the d5 entry is not before d5
    expect(stageAt(j, day(6))).toBe('nurturing');
    expect(stageAt(j, day(0))).toBeUndefined();
  });
});
