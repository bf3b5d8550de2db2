// The sales targets of a period. Targets are set per calendar label (`PUT /v1/targets/{period}`);
// a period asked may be a coarser label or a run of them. Per owner, and for the team: the target
// set for the label itself, else the sum of its parts' (a year's quarters, a quarter's months),
// when every part has one and all are in one currency; a run of whole months is cut into labels
// (`calendarPieces`) and summed the same way. Anything else has no target: a ratio against part
// of a quota would mislead.
import type { metrics, Money } from '#domain';
import { calendarPieces, labelParts } from './metric-window.js';

type TargetsByLabel = ReadonlyMap<string, readonly metrics.SalesTarget[]>;

const ownerKey = (target: metrics.SalesTarget): string => target.ownerId ?? '';

const sumOf = (amounts: readonly (Money | null)[]): Money | null => {
  const [first] = amounts;
  if (first === undefined || first === null || amounts.some((amount) => amount === null || amount.currency !== first.currency)) return null;
  return { value: amounts.reduce((sum, amount) => sum + (amount?.value ?? 0), 0), currency: first.currency };
};

const targetOf = (label: string, key: string, byLabel: TargetsByLabel): Money | null => {
  const set = byLabel.get(label)?.find((target) => ownerKey(target) === key);
  if (set !== undefined) return set.amount;
  const parts = labelParts(label);
  return parts.length === 0 ? null : sumOf(parts.map((part) => targetOf(part, key, byLabel)));
};

/** `byLabel` must hold the targets of every label within the period (`labelsWithin`). */
export const targetsOfPeriod = (period: metrics.Period, tz: string, byLabel: TargetsByLabel): metrics.SalesTarget[] => {
  const pieces = calendarPieces(period, tz);
  if (pieces === null) return [];
  const keys = [...new Set([...byLabel.values()].flat().map(ownerKey))].sort();
  return keys.flatMap((key) => {
    const amount = sumOf(pieces.map((piece) => targetOf(piece, key, byLabel)));
    return amount === null ? [] : [{ ...(key !== '' && { ownerId: key }), amount }];
  });
};
