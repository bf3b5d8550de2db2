import { describe, expect, it } from '@jest/globals';
import { RecentByRevision } from './recent-by-revision.js';

describe('RecentByRevision', () => {
  it('gives back what was kept for a stream, with the revision it was kept at', () => {
    const recent = new RecentByRevision<string>(10);
    recent.remember('a', 3, 'three');
    recent.remember('a', 4, 'four');
    expect(recent.get('a')).toEqual({ revision: 4, value: 'four' });
    expect(recent.get('b')).toBeUndefined();
  });

  it('forgets the least recently kept stream first, beyond its capacity', () => {
    const recent = new RecentByRevision<number>(2);
    recent.remember('a', 1, 1);
    recent.remember('b', 1, 1);
    recent.remember('a', 2, 2); // kept again: now the most recent
    recent.remember('c', 1, 1);
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')).toEqual({ revision: 2, value: 2 });
    expect(recent.get('c')).toEqual({ revision: 1, value: 1 });
  });
});
