// The ratio shape every metric answer uses (API.md): the inputs travel with the value, so a client
// can check the arithmetic, and an empty denominator is an explained null, never NaN or Infinity.

export interface Ratio {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  /** Present only when `value` is null: why there is no answer. */
  readonly reason?: string;
}

export const ratio = (numerator: number, denominator: number, reasonIfEmpty: string): Ratio => {
  // Non-finite inputs are a caller's bug; letting them through would leak NaN into an answer.
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) {
    throw new RangeError(`ratio needs finite numbers, got ${numerator}/${denominator}`);
  }
  if (denominator === 0) return { value: null, numerator, denominator, reason: reasonIfEmpty };
  return { value: numerator / denominator, numerator, denominator };
};
