// Half-open periods [from, to) of ISO instants. Instants are parsed, never compared as strings,
// because "2026-11-01T01:00:00+02:00" sorts after "2026-10-31T23:30:00Z" as text but is earlier.

export interface Period {
  readonly from: string; // ISO 8601 instant, inclusive
  readonly to: string; // ISO 8601 instant, exclusive
}

/** Calendar days [fromDay, toDay), both YYYY-MM-DD (which sort as text), in some time zone. */
export interface Days {
  readonly fromDay: string;
  readonly toDay: string;
}

const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch of an ISO string; a calendar date ("2026-11-30") is UTC midnight. */
export const instant = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 date or instant: ${iso}`);
  return ms;
};

export const isWithin = (at: string, period: Period): boolean => {
  const ms = instant(at);
  return ms >= instant(period.from) && ms < instant(period.to);
};

/** Days (fractional) from `start` to `end`; negative when `end` is earlier. */
export const daysBetween = (start: string, end: string): number => (instant(end) - instant(start)) / MS_PER_DAY;
