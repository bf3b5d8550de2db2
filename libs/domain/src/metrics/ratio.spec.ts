import { ratio } from './ratio.js';

describe('ratio', () => {
  it('divides and keeps its inputs', () => {
    // 3 / 4 = 0.75
    expect(ratio(3, 4, 'none')).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
  });

  it('is null with the reason when the denominator is 0, never NaN or Infinity', () => {
    expect(ratio(0, 0, 'no leads')).toEqual({ value: null, numerator: 0, denominator: 0, reason: 'no leads' });
    expect(ratio(5, 0, 'no leads').value).toBeNull();
  });

  it('refuses non-finite inputs', () => {
    expect(() => ratio(Number.NaN, 1, 'x')).toThrow(RangeError);
    expect(() => ratio(1, Number.POSITIVE_INFINITY, 'x')).toThrow(RangeError);
  });
});
