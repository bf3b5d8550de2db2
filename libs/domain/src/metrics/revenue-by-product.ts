// Revenue by product: won and expansion revenue per sku and currency.
import type { Money } from '../money.js';
import type { ProductLine } from '../products.js';
import { wonIn, type ClosedDeal, type Expansion } from './deals.js';
import { isWithin, type Period } from './period.js';

export interface ProductAmount {
  /** null: revenue that could not be tied to one product. */
  readonly sku: string | null;
  readonly amount: Money;
}

/**
 * Splits a deal's (or expansion's) amount over its product lines. A line with an amount gets it.
 * What is left of the total in that currency goes to the only line without an amount, or, when
 * there are several (or none), to sku null: guessing a split would invent numbers.
 */
export const attributeToProducts = (lines: readonly ProductLine[], total: Money): ProductAmount[] => {
  const priced = lines.filter((line): line is ProductLine & { amount: Money } => line.amount !== undefined);
  const unpriced = lines.filter((line) => line.amount === undefined);
  const covered = priced.filter((line) => line.amount.currency === total.currency).reduce((sum, line) => sum + line.amount.value, 0);
  const rest = total.value - covered;
  const parts: ProductAmount[] = priced.map((line) => ({ sku: line.sku, amount: line.amount }));
  if (rest !== 0) parts.push({ sku: unpriced.length === 1 ? unpriced[0].sku : null, amount: { value: rest, currency: total.currency } });
  return parts;
};

export interface ProductRevenue {
  readonly sku: string | null;
  readonly currency: string;
  readonly won: number; // minor units, deals won in the period
  /** Upsell and cross-sell deltas in the period; downgrades are lost revenue, not revenue, and are left out. */
  readonly expansion: number;
  readonly total: number;
}

/** One row per sku and currency (never summed across currencies), sorted by currency then sku. */
export const revenueByProduct = (
  deals: readonly ClosedDeal[], expansions: readonly Expansion[], period: Period,
): ProductRevenue[] => {
  const rows = new Map<string, { sku: string | null; currency: string; won: number; expansion: number }>();
  const add = (parts: readonly ProductAmount[], field: 'won' | 'expansion'): void => {
    for (const { sku, amount } of parts) {
      const key = JSON.stringify([amount.currency, sku]);
      const row = rows.get(key) ?? { sku, currency: amount.currency, won: 0, expansion: 0 };
      row[field] += amount.value;
      rows.set(key, row);
    }
  };
  for (const deal of wonIn(deals, period)) add(attributeToProducts(deal.products ?? [], deal.amount), 'won');
  for (const e of expansions) {
    if (e.kind !== 'downgrade' && isWithin(e.recordedAt, period)) add(attributeToProducts(e.products, e.amount), 'expansion');
  }
  return [...rows.values()]
    .map((row) => ({ ...row, total: row.won + row.expansion }))
    .sort((a, b) => a.currency.localeCompare(b.currency) || (a.sku ?? '').localeCompare(b.sku ?? ''));
};
