import { isInstant, parseInstant } from './instant.js';

describe('parseInstant', () => {
  it.each([
    ['2026-11-02T10:15:00Z', Date.UTC(2026, 10, 2, 10, 15)],
    ['2026-11-02T10:15Z', Date.UTC(2026, 10, 2, 10, 15)],
    ['2026-11-02T10:15:00.123456789+01:00', Date.UTC(2026, 10, 2, 9, 15, 0, 123)],
    ['2024-02-29T00:00:00-05:00', Date.UTC(2024, 1, 29, 5)],
  ])('reads %s', (text, ms) => expect(parseInstant(text)).toBe(ms));

  it.each([
    ['an ISO week', '2026-W10'],
    ['an ordinal date', '2026-123'],
    ['a year', '2026'],
    ['a date alone', '2026-11-02'],
    ['a local time without offset', '2026-11-02T10:15:00'],
    ['a day the month lacks', '2026-02-30T10:00:00Z'],
    ['a month that does not exist', '2026-13-01T00:00:00Z'],
    ['an hour that does not exist', '2026-11-02T25:00:00Z'],
    ['a space for the T', '2026-11-02 10:15:00Z'],
    ['year 0000, which PostgreSQL refuses', '0000-01-01T00:00:00Z'],
  ])('refuses %s (%s)', (_name, text) => {
    expect(parseInstant(text)).toBeNull();
    expect(isInstant(text)).toBe(false);
  });

  it('refuses what is not a string', () => expect(isInstant(1_700_000_000_000)).toBe(false));
});
