// Win rate: won / (won + lost) among deals closed in the period.
import { closedIn, type ClosedDeal } from './deals.js';
import type { Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

export interface WinRate {
  readonly won: number;
  readonly lost: number;
  readonly winRate: Ratio;
}

export const winRate = (deals: readonly ClosedDeal[], period: Period): WinRate => {
  const closed = closedIn(deals, period);
  const won = closed.filter((deal) => deal.outcome === 'won').length;
  const lost = closed.length - won;
  return { won, lost, winRate: ratio(won, won + lost, 'no deal closed in the period') };
};
