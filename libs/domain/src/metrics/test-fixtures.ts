// Builders for the metric specs: readable journeys on a day-numbered calendar. No jest here, so the
// file type-checks and builds like any other (it is only imported by *.spec.ts files).
import type { LifecycleStage } from '../lifecycle.js';
import type { Money } from '../money.js';
import type { ProductLine } from '../products.js';
import type { ClosedDeal } from './deals.js';
import type { LeadJourney, StageEntry } from './journey.js';
import type { Period } from './period.js';

/** Day n of 2026 at the given UTC hour: day(0) = 2026-01-01T00:00:00.000Z. */
export const day = (n: number, hour = 0): string => new Date(Date.UTC(2026, 0, 1 + n, hour)).toISOString();

/** Days [from, to) of 2026. */
export const days = (from: number, to: number): Period => ({ from: day(from), to: day(to) });

/** A journey from [stage, day] pairs, in stream order. */
export const journey = (
  leadId: string, steps: ReadonlyArray<readonly [LifecycleStage, number]>, extra: Partial<LeadJourney> = {},
): LeadJourney => ({
  leadId,
  entries: steps.map(([stage, n]): StageEntry => ({ stage, at: day(n) })),
  ...extra,
});

export const eur = (value: number): Money => ({ value, currency: 'EUR' });
export const usd = (value: number): Money => ({ value, currency: 'USD' });

/** A won deal closed on day n. */
export const won = (n: number, amount: Money, extra: Partial<ClosedDeal> = {}): ClosedDeal => ({
  leadId: `won-${n}-${amount.value}`, outcome: 'won', closedAt: day(n), amount, ...extra,
});

/** A lost deal closed on day n. */
export const lost = (n: number, extra: Partial<ClosedDeal> = {}): ClosedDeal => ({
  leadId: `lost-${n}`, outcome: 'lost', closedAt: day(n), amount: null, ...extra,
});

export const line = (sku: string, quantity = 1, amount?: Money): ProductLine => ({ sku, quantity, ...(amount ? { amount } : {}) });
