import type { RecordCampaignCost, SetSalesTarget } from './commands.js';
import { DomainError } from './errors.js';
import { decidePlanning, parsePeriod } from './planning.decider.js';

const NOW = '2026-11-20T10:00:00.000Z';
const target = (period: string, value = 10_000_000, ownerId: string | null = 'rep-1'): SetSalesTarget => ({
  type: 'SetSalesTarget', data: { period, ownerId, amount: { value, currency: 'EUR' } }, metadata: { now: NOW },
});
const cost = (period: string, value = 250_000): RecordCampaignCost => ({
  type: 'RecordCampaignCost', data: { campaignId: 'summit-26', period, amount: { value, currency: 'EUR' } }, metadata: { now: NOW },
});

describe('parsePeriod', () => {
  it.each([
    ['2026-11', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026-01', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ['2026-Q1', '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ['2026-Q3', '2026-07-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    ['2026-Q4', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2026', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s is [%s, %s)', (period, from, to) => {
    expect(parsePeriod(period)).toEqual({ from, to });
  });

  it('gives bounds that are real instants, in toISOString form', () => {
    const bounds = parsePeriod('2028-02');
    expect(bounds).not.toBeNull();
    expect(new Date(bounds?.from ?? '').toISOString()).toBe(bounds?.from);
    expect(new Date(bounds?.to ?? '').toISOString()).toBe(bounds?.to);
  });

  it.each(['', '2026-13', '2026-00', '2026-1', '2026-Q0', '2026-Q5', '2026q4', '26', '2026-11-01', ' 2026', '2026 ', '0999', '9999', 'Q4-2026'])(
    'rejects "%s"',
    (period) => expect(parsePeriod(period)).toBeNull(),
  );
});

describe('decidePlanning', () => {
  it('sets a sales target for an owner or the whole team', () => {
    expect(decidePlanning(target('2026-Q4'))).toEqual({
      type: 'SalesTargetSet', data: { period: '2026-Q4', ownerId: 'rep-1', amount: { value: 10_000_000, currency: 'EUR' }, occurredAt: NOW },
    });
    expect(decidePlanning(target('2026', 5, null))).toMatchObject({ type: 'SalesTargetSet', data: { ownerId: null } });
  });

  it('records a campaign cost, zero included', () => {
    expect(decidePlanning(cost('2026-11'))).toEqual({
      type: 'CampaignCostRecorded', data: { campaignId: 'summit-26', period: '2026-11', amount: { value: 250_000, currency: 'EUR' }, occurredAt: NOW },
    });
    expect(decidePlanning(cost('2026-11', 0))).toMatchObject({ type: 'CampaignCostRecorded' });
  });

  it('refuses a malformed period', () => {
    for (const command of [target('Nov 2026'), cost('2026-Q5')]) {
      const result = decidePlanning(command);
      expect(result).toBeInstanceOf(DomainError);
      expect(result).toMatchObject({ code: 'invalid_period', command: command.type, stage: null, status: null });
    }
  });

  it('refuses a target of zero or less and a negative cost', () => {
    expect(decidePlanning(target('2026', 0))).toMatchObject({ code: 'amount_required' });
    expect(decidePlanning(cost('2026', -1))).toMatchObject({ code: 'amount_required' });
  });
});
