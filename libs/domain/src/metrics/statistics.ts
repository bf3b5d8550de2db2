// Descriptive statistics for durations and money averages.

/** Half away from zero, so -2.5 and 2.5 round symmetrically (Math.round alone sends -2.5 to -2). */
export const roundMinorUnits = (value: number): number =>
  (value < 0 ? -Math.round(-value) : Math.round(value)) + 0; // `+ 0` turns -0 into 0

export const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

/** The middle value; for an even count, the mean of the two middle values. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Nearest-rank percentile: the smallest value with at least p% of the values at or below it,
 * i.e. sorted[ceil(p/100 × n) − 1]. It is always an observed value (no interpolation), which is
 * what "90% of leads left the stage within X days" means.
 */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = ascending(values);
  // p × n / 100 rather than p / 100 × n: with integer p the product is exact, so ceil is not fooled
  // by 0.9 × 30 = 27.000000000000004.
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1];
};

export interface Summary {
  readonly count: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
  /** Present only when count is 0. */
  readonly reason?: string;
}

export const summarize = (values: readonly number[], reasonIfEmpty: string): Summary => {
  const summary = { count: values.length, mean: mean(values), median: median(values), p90: percentile(values, 90) };
  return values.length === 0 ? { ...summary, reason: reasonIfEmpty } : summary;
};
