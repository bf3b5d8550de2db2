// Average deal size and ACV of won deals, one currency at a time.
import { currenciesOf, totalIn, wonIn, type ClosedDeal } from './deals.js';
import type { Period } from './period.js';
import { mean, roundMinorUnits } from './statistics.js';

/** The deal's value over one year: amount × 12 / termMonths; a deal without a term counts as a year. */
export const annualisedValue = (deal: { readonly amount: { readonly value: number }; readonly termMonths?: number }): number =>
  deal.termMonths !== undefined && deal.termMonths > 0 ? (deal.amount.value * 12) / deal.termMonths : deal.amount.value;

export interface DealSize {
  readonly currency: string;
  readonly won: number;
  readonly total: number; // minor units
  /**
   * Minor units. Averages are computed exactly and rounded once, half away from zero, to whole
   * minor units: money is never a fraction of a cent, and rounding each deal first would drift.
   */
  readonly average: number | null;
  readonly averageAcv: number | null;
  readonly reason?: string;
}

export const averageDealSize = (deals: readonly ClosedDeal[], period: Period, currency: string): DealSize => {
  const won = wonIn(deals, period, currency);
  const average = mean(won.map((deal) => deal.amount.value));
  const averageAcv = mean(won.map(annualisedValue));
  const size = {
    currency, won: won.length, total: totalIn(won.map((deal) => deal.amount), currency),
    average: average === null ? null : roundMinorUnits(average),
    averageAcv: averageAcv === null ? null : roundMinorUnits(averageAcv),
  };
  return won.length === 0 ? { ...size, reason: `no deal won in ${currency} in the period` } : size;
};

/** One row per currency with a won deal in the period, in currency order. */
export const dealSizes = (deals: readonly ClosedDeal[], period: Period): DealSize[] =>
  currenciesOf(wonIn(deals, period).map((deal) => deal.amount)).map((currency) => averageDealSize(deals, period, currency));
