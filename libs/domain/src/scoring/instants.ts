// Time arithmetic on ISO 8601 strings: parsing a given instant is not reading a clock.

export const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch of an ISO 8601 instant; throws on a string that is not one. */
export const instantMs = (iso: string, what = 'instant'): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not an ISO 8601 instant: "${iso}"`);
  return ms;
};

/** The UTC calendar day (`YYYY-MM-DD`) of an instant given in ms. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Whole UTC days from day `a` to day `b` (`YYYY-MM-DD`). */
export const daysBetweenUtcDays = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
