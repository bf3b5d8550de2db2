import type { metrics } from '#domain';
import { targetsOfPeriod } from './period-targets.js';

const eur = (value: number) => ({ value, currency: 'EUR' });
const utc = (from: string, to: string): metrics.Period => ({ from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });
const q4 = utc('2026-10-01', '2027-01-01');

describe('targetsOfPeriod', () => {
  it('takes the target set for the period itself, for the team and each owner', () => {
    const byLabel = new Map([['2026-Q4', [{ amount: eur(90) }, { ownerId: 'rep1', amount: eur(30) }]], ['2026-10', [{ amount: eur(1) }]]]);
    expect(targetsOfPeriod(q4, 'UTC', byLabel)).toEqual([{ amount: eur(90) }, { ownerId: 'rep1', amount: eur(30) }]);
  });

  it('sums the months of a quarter when each has a target, and gives none when one is missing', () => {
    const byLabel = new Map([
      ['2026-10', [{ amount: eur(10) }, { ownerId: 'rep1', amount: eur(5) }]],
      ['2026-11', [{ amount: eur(20) }]],
      ['2026-12', [{ amount: eur(30) }, { ownerId: 'rep1', amount: eur(5) }]],
    ]);
    expect(targetsOfPeriod(q4, 'UTC', byLabel)).toEqual([{ amount: eur(60) }]); // rep1 has none for November
  });

  it('sums a year from quarters set whole or month by month, and a run of months across years', () => {
    const byLabel = new Map([
      ['2026-Q1', [{ amount: eur(1) }]], ['2026-Q2', [{ amount: eur(2) }]], ['2026-Q3', [{ amount: eur(3) }]],
      ['2026-10', [{ amount: eur(4) }]], ['2026-11', [{ amount: eur(5) }]], ['2026-12', [{ amount: eur(6) }]],
      ['2027-01', [{ amount: eur(7) }]],
    ]);
    expect(targetsOfPeriod(utc('2026-01-01', '2027-01-01'), 'UTC', byLabel)).toEqual([{ amount: eur(21) }]);
    expect(targetsOfPeriod(utc('2026-11-01', '2027-02-01'), 'UTC', byLabel)).toEqual([{ amount: eur(18) }]);
    expect(targetsOfPeriod(utc('2026-12-01', '2027-03-01'), 'UTC', byLabel)).toEqual([]); // February 2027 has none
  });

  it('gives none for parts in different currencies, or a period that is no run of whole months', () => {
    const byLabel = new Map([['2026-10', [{ amount: eur(10) }]], ['2026-11', [{ amount: eur(20) }]], ['2026-12', [{ amount: { value: 30, currency: 'USD' } }]]]);
    expect(targetsOfPeriod(q4, 'UTC', byLabel)).toEqual([]);
    expect(targetsOfPeriod(utc('2026-10-15', '2026-11-01'), 'UTC', byLabel)).toEqual([]);
  });
});
