// The plain records the sales metrics read: closed deals, open opportunities, expansions, targets
// and costs. Read models keep one row per fact; these are those rows, nothing more.
import type { DealOutcome, ExpansionKind, LostReason, SourceChannel } from '../lifecycle.js';
import { sumMoney, type Money } from '../money.js';
import type { ProductLine } from '../products.js';
import { isWithin, type Period } from './period.js';

export interface ClosedDeal {
  readonly leadId: string;
  readonly outcome: DealOutcome;
  readonly closedAt: string; // ISO instant of DealClosed
  /** Won: the won amount. Lost: the opportunity amount that was lost, if known. */
  readonly amount?: Money | null;
  readonly termMonths?: number;
  readonly ownerId?: string;
  readonly source?: SourceChannel;
  /** The deal stage the opportunity was in when it closed. */
  readonly dealStage?: string;
  readonly lostReason?: LostReason;
  readonly products?: readonly ProductLine[];
}

export interface OpenOpportunity {
  readonly leadId: string;
  readonly amount: Money;
  readonly expectedCloseDate: string; // YYYY-MM-DD: a calendar day, in whatever zone the period is asked
  readonly dealStage: string;
  /** Win probability of the deal stage, 0..1 (from the lead's pipeline). */
  readonly probability: number;
  readonly ownerId?: string;
}

export interface Expansion {
  readonly leadId: string;
  readonly kind: ExpansionKind;
  readonly recordedAt: string; // ISO instant of ExpansionRecorded
  readonly products: readonly ProductLine[];
  /** The revenue delta; negative for a downgrade. */
  readonly amount: Money;
  /** Whether the customer was a key account when the expansion was recorded. */
  readonly keyAccount: boolean;
}

/** A sales target of the period being measured; no ownerId = the whole team's target. */
export interface SalesTarget {
  readonly ownerId?: string;
  readonly amount: Money;
}

/** What a source cost in the period being measured (the sum of its CampaignCostRecorded). */
export interface SourceCost {
  readonly source: SourceChannel;
  readonly amount: Money;
}

export const closedIn = (deals: readonly ClosedDeal[], period: Period): ClosedDeal[] =>
  deals.filter((deal) => isWithin(deal.closedAt, period));

/** A won deal with its amount, narrowed so callers need no null checks. */
export type WonDeal = ClosedDeal & { readonly outcome: 'won'; readonly amount: Money };

const isWon = (deal: ClosedDeal): deal is WonDeal =>
  deal.outcome === 'won' && deal.amount !== undefined && deal.amount !== null;

/** Won deals closed in the period, in one currency (never mixed) when a currency is given. */
export const wonIn = (deals: readonly ClosedDeal[], period: Period, currency?: string): WonDeal[] =>
  closedIn(deals, period).filter(isWon).filter((deal) => currency === undefined || deal.amount.currency === currency);

/** Sum in minor units of amounts of one currency; sumMoney throws if another currency slipped in. */
export const totalIn = (amounts: readonly Money[], currency: string): number => sumMoney(amounts, currency).value;

/** Distinct currencies, sorted, so per-currency answers come out in a stable order. */
export const currenciesOf = (amounts: readonly Money[]): string[] => [...new Set(amounts.map((a) => a.currency))].sort();
