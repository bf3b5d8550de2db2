// Where and why deals are lost: lost deals of the period by deal stage and by reason.
import type { LostReason } from '../lifecycle.js';
import { closedIn, type ClosedDeal } from './deals.js';
import type { Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

export interface LossGroup<K> {
  readonly key: K;
  readonly count: number;
  /** count / all losses of the period. */
  readonly share: Ratio;
}

export interface LossAnalysis {
  readonly lost: number;
  /** key null: the deal stage was not recorded. */
  readonly byStage: readonly LossGroup<string | null>[];
  /** key null: no reason was recorded (DealClosed(lost) requires one, so this flags bad data). */
  readonly byReason: readonly LossGroup<LostReason | null>[];
}

/** Counts per key, largest first, ties in key order so the answer is stable. */
const groupCounts = <K extends string | null>(keys: readonly K[], total: number): LossGroup<K>[] => {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || String(a).localeCompare(String(b)))
    .map(([key, count]) => ({ key, count, share: ratio(count, total, 'no deal lost in the period') }));
};

export const lossAnalysis = (deals: readonly ClosedDeal[], period: Period): LossAnalysis => {
  const lost = closedIn(deals, period).filter((deal) => deal.outcome === 'lost');
  return {
    lost: lost.length,
    byStage: groupCounts(lost.map((deal) => deal.dealStage ?? null), lost.length),
    byReason: groupCounts(lost.map((deal) => deal.lostReason ?? null), lost.length),
  };
};
