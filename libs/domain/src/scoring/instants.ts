// Time arithmetic on ISO 8601 strings: parsing a given instant is not reading a clock.

export const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch of an ISO 8601 instant; throws on a string that is not one. */
export const instantMs = (iso: string, what = 'instant'): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not an ISO 8601 instant: "${iso}"`);
  return ms;
};
