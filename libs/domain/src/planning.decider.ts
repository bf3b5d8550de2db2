// Planning facts outside any lead's stream: sales targets and campaign costs, per calendar period.
import type { RecordCampaignCost, SetSalesTarget } from './commands.js';
import { DomainError } from './errors.js';
import type { CampaignCostRecorded, PlanningEvent, SalesTargetSet } from './events.js';

export type PlanningCommand = SetSalesTarget | RecordCampaignCost;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
// Four-digit years keep both bounds plain ISO strings (9999's end would be year 10000).
const MIN_YEAR = 1000;
const MAX_YEAR = 9998;

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** Start of a UTC calendar month; month 13 rolls into January of the next year. */
const monthStart = (year: number, month: number): string =>
  month > 12 ? `${year + 1}-01-01T00:00:00.000Z` : `${year}-${pad2(month)}-01T00:00:00.000Z`;

/**
 * The half-open UTC bounds [from, to) of a period `2026-11` (month), `2026-Q4` (quarter) or `2026`
 * (year), as ISO instants in `toISOString` form; null when the text is not such a period.
 */
export const parsePeriod = (period: string): { from: string; to: string } | null => {
  const month = MONTH.exec(period);
  const quarter = QUARTER.exec(period);
  const year = YEAR.exec(period);
  const yearText = (month ?? quarter ?? year)?.[1];
  if (yearText === undefined) return null;
  const y = Number(yearText);
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  if (month) {
    const m = Number(month[2]);
    return { from: monthStart(y, m), to: monthStart(y, m + 1) };
  }
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { from: monthStart(y, first), to: monthStart(y, first + 3) };
  }
  return { from: monthStart(y, 1), to: monthStart(y, 13) };
};

const refuse = (command: PlanningCommand, code: 'invalid_period' | 'amount_required', why: string): DomainError =>
  new DomainError(code, `${command.type} refused: ${why}`, command.type, null, null);

/**
 * Validates a planning command and returns its single event. A target must be positive; a cost may
 * be zero (an organic source costs nothing) but never negative.
 */
export function decidePlanning(command: SetSalesTarget): SalesTargetSet | DomainError;
export function decidePlanning(command: RecordCampaignCost): CampaignCostRecorded | DomainError;
export function decidePlanning(command: PlanningCommand): PlanningEvent | DomainError;
export function decidePlanning(command: PlanningCommand): PlanningEvent | DomainError {
  const { period, amount } = command.data;
  if (parsePeriod(period) === null) {
    return refuse(command, 'invalid_period', `period must be YYYY-MM, YYYY-Qn or YYYY, got "${period}"`);
  }
  const occurredAt = command.metadata.now;
  switch (command.type) {
    case 'SetSalesTarget':
      if (!(amount.value > 0)) return refuse(command, 'amount_required', 'a sales target must be greater than zero');
      return { type: 'SalesTargetSet', data: { period, ownerId: command.data.ownerId, amount, occurredAt } };
    case 'RecordCampaignCost':
      if (!(amount.value >= 0)) return refuse(command, 'amount_required', 'a campaign cost cannot be negative');
      return {
        type: 'CampaignCostRecorded',
        data: { campaignId: command.data.campaignId, period, amount, occurredAt },
      };
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}
