// Quota attainment: won revenue against target, per owner and for the team, and how many reps make quota.
import { totalIn, wonIn, type ClosedDeal, type SalesTarget } from './deals.js';
import type { Period } from './period.js';
import { ratio, type Ratio } from './ratio.js';

export interface OwnerAttainment {
  readonly ownerId: string;
  readonly won: number; // minor units
  readonly target: number | null;
  readonly attainment: Ratio;
}

export type TeamTargetSource = 'team' | 'sum_of_owners' | 'none';

/**
 * DOMAIN.md's reading of the share of reps at or over quota: under 60% suggests the quotas are wrong
 * (set out of reach), 100% that they are too soft; in between is the expected spread.
 */
export type QuotaInterpretation = 'quotas_may_be_wrong' | 'quotas_may_be_too_soft' | 'plausible';

export interface QuotaAttainment {
  readonly currency: string;
  /** Owners with a target or a won deal, in owner id order. */
  readonly owners: readonly OwnerAttainment[];
  readonly team: { readonly won: number; readonly target: number | null; readonly targetSource: TeamTargetSource; readonly attainment: Ratio };
  /** Owners with attainment ≥ 1 / owners with a positive target. */
  readonly repsAtOrOverQuota: Ratio;
  /** null when no rep has a target. */
  readonly interpretation: QuotaInterpretation | null;
}

export const interpretQuotaShare = (share: number | null): QuotaInterpretation | null => {
  if (share === null) return null;
  if (share < 0.6) return 'quotas_may_be_wrong';
  return share >= 1 ? 'quotas_may_be_too_soft' : 'plausible';
};

/**
 * `targets` are the period's targets; those in other currencies are not this answer's (ask per
 * currency). The team target is the explicit team target, else the sum of the owners' targets.
 */
export const quotaAttainment = (
  deals: readonly ClosedDeal[], targets: readonly SalesTarget[], period: Period, currency: string,
): QuotaAttainment => {
  const won = wonIn(deals, period, currency);
  const ours = targets.filter((target) => target.amount.currency === currency);
  const ownerTargets = new Map<string, number>();
  for (const target of ours) {
    if (target.ownerId !== undefined) ownerTargets.set(target.ownerId, (ownerTargets.get(target.ownerId) ?? 0) + target.amount.value);
  }
  const ownerIds = [...new Set([...ownerTargets.keys(), ...won.flatMap((deal) => deal.ownerId ?? [])])].sort();
  const owners = ownerIds.map((ownerId): OwnerAttainment => {
    const ownerWon = totalIn(won.filter((deal) => deal.ownerId === ownerId).map((deal) => deal.amount), currency);
    const target = ownerTargets.get(ownerId) ?? null;
    return { ownerId, won: ownerWon, target, attainment: ratio(ownerWon, target ?? 0, target === null ? 'no target for this owner' : 'the target is 0') };
  });

  const teamTargets = ours.filter((target) => target.ownerId === undefined);
  const targetSource: TeamTargetSource = teamTargets.length > 0 ? 'team' : ownerTargets.size > 0 ? 'sum_of_owners' : 'none';
  const teamTarget = targetSource === 'none' ? null
    : totalIn((targetSource === 'team' ? teamTargets : ours).map((target) => target.amount), currency);
  const teamWon = totalIn(won.map((deal) => deal.amount), currency);

  const withQuota = owners.filter((owner) => (owner.target ?? 0) > 0);
  const atOrOver = withQuota.filter((owner) => (owner.attainment.value ?? 0) >= 1).length;
  const repsAtOrOverQuota = ratio(atOrOver, withQuota.length, 'no rep has a target for the period');
  return {
    currency,
    owners,
    team: {
      won: teamWon, target: teamTarget, targetSource,
      attainment: ratio(teamWon, teamTarget ?? 0, teamTarget === null ? 'no target for the period' : 'the target is 0'),
    },
    repsAtOrOverQuota,
    interpretation: interpretQuotaShare(repsAtOrOverQuota.value),
  };
};
