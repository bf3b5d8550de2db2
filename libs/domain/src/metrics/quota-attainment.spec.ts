import { interpretQuotaShare, quotaAttainment } from './quota-attainment.js';
import { days, eur, usd, won } from './test-fixtures.js';

describe('quota attainment', () => {
  const period = days(0, 10);
  const deals = [
    won(1, eur(600), { ownerId: 'ann' }),
    won(2, eur(500), { ownerId: 'ann' }),
    won(3, eur(1000), { ownerId: 'bob' }),
    won(4, eur(500), { ownerId: 'cid' }),
    won(5, eur(300), { ownerId: 'eve' }), // no target
    won(6, usd(9000), { ownerId: 'bob' }), // another currency
  ];
  const targets = [
    { ownerId: 'ann', amount: eur(1000) },
    { ownerId: 'bob', amount: eur(2000) },
    { ownerId: 'cid', amount: eur(500) },
    { ownerId: 'dan', amount: usd(1000) },
  ];

  it('per owner, team (sum of owner targets when no team target), and the share at or over quota', () => {
    const result = quotaAttainment(deals, targets, period, 'EUR');
    // ann 1100 / 1000 = 1.1; bob 1000 / 2000 = 0.5; cid 500 / 500 = 1; eve has no target
    expect(result.owners.map((o) => [o.ownerId, o.won, o.target, o.attainment.value])).toEqual([
      ['ann', 1100, 1000, 1.1], ['bob', 1000, 2000, 0.5], ['cid', 500, 500, 1], ['eve', 300, null, null],
    ]);
    expect(result.owners[3].attainment.reason).toBe('no target for this owner');
    // team 2900 / (1000 + 2000 + 500)
    expect(result.team).toEqual({
      won: 2900, target: 3500, targetSource: 'sum_of_owners', attainment: { value: 2900 / 3500, numerator: 2900, denominator: 3500 },
    });
    // ann and cid of ann, bob, cid → 2 / 3, between 60% and 100%
    expect(result.repsAtOrOverQuota).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(result.interpretation).toBe('plausible');
  });

  it('an explicit team target wins over the sum', () => {
    const result = quotaAttainment(deals, [...targets, { amount: eur(4000) }], period, 'EUR');
    // 2900 / 4000 = 0.725
    expect(result.team).toMatchObject({ target: 4000, targetSource: 'team', attainment: { value: 0.725 } });
  });

  it('reads the share as DOMAIN.md does', () => {
    expect(interpretQuotaShare(0.59)).toBe('quotas_may_be_wrong');
    expect(interpretQuotaShare(0.6)).toBe('plausible');
    expect(interpretQuotaShare(1)).toBe('quotas_may_be_too_soft');
    expect(interpretQuotaShare(null)).toBeNull();
  });

  it('no targets and no deals: null with reasons', () => {
    const result = quotaAttainment([], [], period, 'EUR');
    expect(result.owners).toEqual([]);
    expect(result.team).toEqual({
      won: 0, target: null, targetSource: 'none', attainment: { value: null, numerator: 0, denominator: 0, reason: 'no target for the period' },
    });
    expect(result.repsAtOrOverQuota.reason).toBe('no rep has a target for the period');
    expect(result.interpretation).toBeNull();
  });
});
