// One line of a score's explanation, and the rounding that makes the lines add up to the total.
import type { ScoreRule } from './scoring-model.js';

export type ScoreCategory = 'fit' | 'behaviour';

export interface ScoreLine {
  readonly rule: ScoreRule;
  readonly category: ScoreCategory;
  /** What the rule is worth now: decayed and capped (behaviour), rounded to one decimal. */
  readonly points: number;
  /** Sum of the points the counted occurrences earned before decay and cap. Fit: same as `points`. */
  readonly rawPoints: number;
  /** Occurrences seen (behaviour, including those over a daily limit); 1 for a fit rule. */
  readonly count: number;
  /** True when the rule's cap cut its decayed sum. */
  readonly capped: boolean;
  /** Why, for a person: what matched, how many, decay, cap. */
  readonly detail: string;
}

/**
 * Rounding: each line's points are rounded once, to one decimal (half away from zero), and every
 * sum (fit, behaviour, total, deltas) is computed from those rounded lines in integer tenths, so
 * the breakdown always adds up exactly to the total and no float noise (0.30000000000000004) shows.
 */
export const toTenths = (value: number): number => Math.sign(value) * Math.round(Math.abs(value) * 10);
export const fromTenths = (tenths: number): number => (tenths === 0 ? 0 : tenths / 10); // no -0

export const roundPoints = (value: number): number => fromTenths(toTenths(value));

/** Sum of already-rounded points, exact in tenths. */
export const sumPoints = (values: readonly number[]): number =>
  fromTenths(values.reduce((sum, value) => sum + toTenths(value), 0));

export const formatPoints = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
