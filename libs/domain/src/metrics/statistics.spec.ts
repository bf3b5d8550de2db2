import { mean, median, percentile, roundMinorUnits, summarize } from './statistics.js';

describe('statistics', () => {
  it('mean: (1 + 2 + 6) / 3 = 3', () => {
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('median: odd count takes the middle, even count the mean of the two middle', () => {
    expect(median([9, 1, 5])).toBe(5); // sorted 1 5 9
    expect(median([4, 1, 3, 2])).toBe(2.5); // sorted 1 2 3 4 → (2 + 3) / 2
  });

  it('p90 by nearest rank', () => {
    // n = 10: rank ceil(0.9 × 10) = 9 → 9th smallest = 9
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90)).toBe(9);
    // n = 3: rank ceil(2.7) = 3 → the largest
    expect(percentile([1, 2, 3], 90)).toBe(3);
    // n = 30: rank 27 exactly, not 28 (0.9 × 30 in floating point is 27.000000000000004)
    expect(percentile(Array.from({ length: 30 }, (_, i) => i + 1), 90)).toBe(27);
    expect(percentile([7], 90)).toBe(7);
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('empty input: null everywhere, with the reason', () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
    expect(percentile([], 90)).toBeNull();
    expect(summarize([], 'nothing')).toEqual({ count: 0, mean: null, median: null, p90: null, reason: 'nothing' });
  });

  it('summarize', () => {
    // [2, 4, 9]: mean 5, median 4, p90 rank ceil(2.7) = 3 → 9
    expect(summarize([9, 2, 4], 'x')).toEqual({ count: 3, mean: 5, median: 4, p90: 9 });
  });

  it('rounds money half away from zero', () => {
    expect(roundMinorUnits(2.5)).toBe(3);
    expect(roundMinorUnits(-2.5)).toBe(-3);
    expect(roundMinorUnits(2.4999)).toBe(2);
    expect(Object.is(roundMinorUnits(-0.2), 0)).toBe(true);
  });
});
