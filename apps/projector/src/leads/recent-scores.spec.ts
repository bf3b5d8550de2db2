import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCORING_MODEL } from '#domain';
import { scoredFactsOf } from '#read-models';
import { RecentScores } from './recent-scores.js';

const scored = scoredFactsOf([], DEFAULT_SCORING_MODEL);

describe('RecentScores', () => {
  it('gives a lead\'s facts back only at the revision they were kept at', () => {
    const recent = new RecentScores(10);
    recent.remember('a', 3, scored);
    expect(recent.at('a', 3)).toEqual(scored);
    expect(recent.at('a', 2)).toBeUndefined(); // the stored view is behind: a batch rolled back
    expect(recent.at('a', 4)).toBeUndefined(); // ahead: another writer went on
    expect(recent.at('b', 3)).toBeUndefined();
  });

  it('keeps what the step scored, not the rest of it', () => {
    const recent = new RecentScores(10);
    recent.remember('a', 1, { ...scored, history: { big: true } } as never);
    expect(Object.keys(recent.at('a', 1) ?? {}).sort()).toEqual(['facts', 'scoring']);
  });

  it('forgets the least recently kept lead first, beyond its capacity', () => {
    const recent = new RecentScores(2);
    recent.remember('a', 1, scored);
    recent.remember('b', 1, scored);
    recent.remember('a', 2, scored); // kept again: now the most recent
    recent.remember('c', 1, scored);
    expect(recent.at('b', 1)).toBeUndefined();
    expect(recent.at('a', 2)).toBeDefined();
    expect(recent.at('c', 1)).toBeDefined();
  });
});
