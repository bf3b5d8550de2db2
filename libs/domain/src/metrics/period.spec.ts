import { daysBetween, instant, isWithin } from './period.js';

describe('period', () => {
  const november = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };

  it('is half-open: from is in, to is out', () => {
    expect(isWithin('2026-11-01T00:00:00Z', november)).toBe(true);
    expect(isWithin('2026-11-30T23:59:59.999Z', november)).toBe(true);
    expect(isWithin('2026-12-01T00:00:00Z', november)).toBe(false);
  });

  it('compares instants, not text: 01:00+02:00 on Nov 1 is 23:00Z on Oct 31', () => {
    expect(isWithin('2026-11-01T01:00:00+02:00', november)).toBe(false);
  });

  it('reads a calendar date as UTC midnight', () => {
    expect(instant('2026-11-30')).toBe(instant('2026-11-30T00:00:00Z'));
  });

  it('refuses what is not a date', () => {
    expect(() => instant('next tuesday')).toThrow(RangeError);
  });

  it('measures days, fractional', () => {
    // 36 hours = 1.5 days
    expect(daysBetween('2026-11-01T00:00:00Z', '2026-11-02T12:00:00Z')).toBe(1.5);
  });
});
