import { InvalidRequest } from '#platform';
import { calendarPieces, daysOf, labelsWithin, metricWindow, periodLabel, previousPeriod } from './metric-window.js';

const NOW = Date.parse('2026-11-25T03:00:00Z');
const fields = (query: Parameters<typeof metricWindow>[0]): string[] => {
  try {
    metricWindow(query, NOW);
  } catch (error) {
    if (error instanceof InvalidRequest) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('metric window', () => {
  it('defaults to the current calendar month in UTC', () => {
    expect(metricWindow({}, NOW)).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', tz: 'UTC', groupBy: null, buckets: [] });
  });

  it('reads period labels and dates in the time zone, across a daylight-saving change', () => {
    const q4 = metricWindow({ period: '2026-Q4', tz: 'Europe/Stockholm', groupBy: 'month' }, NOW);
    expect([q4.from, q4.to]).toEqual(['2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(q4.buckets.map((b) => b.from)).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    const days = metricWindow({ from: '2026-10-24', to: '2026-10-27', tz: 'Europe/Stockholm', groupBy: 'day' }, NOW);
    // 25 October 2026 has 25 hours in Stockholm
    expect(days.buckets.map((b) => (Date.parse(b.to) - Date.parse(b.from)) / 3_600_000)).toEqual([24, 25, 24]);
  });

  it('cuts ISO weeks on Mondays, with partial first and last buckets', () => {
    const weeks = metricWindow({ from: '2026-11-04', to: '2026-11-20', groupBy: 'week' }, NOW);
    expect(weeks.buckets).toEqual([
      { from: '2026-11-04T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' },
      { from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' },
      { from: '2026-11-16T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
    ]);
  });

  it('names every bad parameter', () => {
    expect(fields({ period: '2026-Q5' })).toEqual(['period']);
    expect(fields({ from: 'yesterday', to: '2026-13-01' })).toEqual(['from', 'to']);
    expect(fields({ from: '2026-11-02', to: '2026-11-01' })).toEqual(['from']);
    expect(fields({ tz: 'Nowhere/Land' })).toEqual(['tz']);
    expect(fields({ period: '2026', to: '2027-01-01' })).toEqual(['period']);
    expect(fields({ from: '2020-01-01', to: '2026-01-01', groupBy: 'day' })).toEqual(['groupBy']);
    expect(fields({ from: '2026-11-01T10:00:00+01:00' })).toEqual([]);
  });

  it('labels whole calendar periods for targets and costs, and finds the period before', () => {
    expect(periodLabel({ from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }, 'UTC')).toBe('2026-10');
    expect(periodLabel({ from: '2026-10-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }, 'UTC')).toBe('2026-Q4');
    expect(periodLabel({ from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }, 'UTC')).toBe('2026');
    expect(periodLabel({ from: '2026-10-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' }, 'UTC')).toBeNull();
    expect(previousPeriod({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }, 'UTC'))
      .toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(previousPeriod({ from: '2026-03-10T00:00:00.000Z', to: '2026-03-12T00:00:00.000Z' }, 'UTC'))
      .toEqual({ from: '2026-03-08T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' });
  });

  it('gives the calendar days of a period in its zone: those whose local midnight falls inside it', () => {
    const november = (tz: string) => metricWindow({ period: '2026-11', tz }, NOW);
    expect(daysOf(november('UTC'), 'UTC')).toEqual({ fromDay: '2026-11-01', toDay: '2026-12-01' });
    // New York's November is [11-01 04:00Z, 12-01 05:00Z): as UTC dates it would lose 11-01 and gain 12-01
    expect(daysOf(november('America/New_York'), 'America/New_York')).toEqual({ fromDay: '2026-11-01', toDay: '2026-12-01' });
    expect(daysOf(november('Pacific/Kiritimati'), 'Pacific/Kiritimati')).toEqual({ fromDay: '2026-11-01', toDay: '2026-12-01' });
    // bounds inside a day: the day begun before `from` is out, the one begun before `to` is in
    expect(daysOf({ from: '2026-11-15T12:00:00.000Z', to: '2026-11-20T00:00:01.000Z' }, 'UTC')).toEqual({ fromDay: '2026-11-16', toDay: '2026-11-21' });
  });

  it('cuts a run of whole local months into calendar labels, the largest first, and lists every label within a period', () => {
    const utc = (from: string, to: string) => ({ from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });
    expect(calendarPieces(utc('2026-10-01', '2027-03-01'), 'UTC')).toEqual(['2026-Q4', '2027-01', '2027-02']);
    expect(calendarPieces(utc('2026-01-01', '2027-02-01'), 'UTC')).toEqual(['2026', '2027-01']);
    expect(calendarPieces(utc('2026-11-01', '2027-01-01'), 'UTC')).toEqual(['2026-11', '2026-12']);
    expect(calendarPieces(utc('2026-11-15', '2026-12-01'), 'UTC')).toBeNull();
    // Stockholm's fourth quarter, not UTC's
    expect(calendarPieces(metricWindow({ period: '2026-Q4', tz: 'Europe/Stockholm' }, NOW), 'Europe/Stockholm')).toEqual(['2026-Q4']);
    expect(calendarPieces(metricWindow({ period: '2026-Q4', tz: 'Europe/Stockholm' }, NOW), 'UTC')).toBeNull();
    expect(labelsWithin(utc('2026-10-01', '2027-01-01'), 'UTC').sort()).toEqual(['2026-10', '2026-11', '2026-12', '2026-Q4']);
    expect(labelsWithin(utc('2026-01-01', '2027-01-01'), 'UTC')).toHaveLength(17);
    // ragged ends: the whole months inside
    expect(labelsWithin(utc('2026-10-15', '2026-12-20'), 'UTC')).toEqual(['2026-11']);
  });
});
