// The period a metric is asked for and its series buckets: `period` labels, `from`/`to` dates or
// instants, `groupBy` day/week/month, all in a time zone (UTC by default). Calendar arithmetic is
// done on local wall-clock dates and turned into UTC instants with the zone's offset at that moment,
// so a month in Europe/Stockholm starts at its local midnight, daylight saving included.
import { parsePeriod, type metrics } from '#domain';
import { InvalidRequest, parseInstant } from '#platform';

export const GROUP_BYS = ['day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** A series longer than this is refused: the cost of an answer grows with its buckets. */
export const MAX_BUCKETS = 400;

export interface WindowQuery {
  readonly from?: string;
  readonly to?: string;
  readonly period?: string;
  readonly groupBy?: GroupBy;
  readonly tz?: string;
}

export interface MetricWindow extends metrics.Period {
  readonly tz: string;
  readonly groupBy: GroupBy | null;
  /** The buckets of the series, covering [from, to) without gaps; empty without `groupBy`. */
  readonly buckets: readonly metrics.Period[];
}

interface LocalDate { readonly year: number; readonly month: number; readonly day: number }

const partsFormatter = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (tz: string): Intl.DateTimeFormat => {
  let formatter = partsFormatter.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsFormatter.set(tz, formatter);
  }
  return formatter;
};

export const isTimeZone = (tz: string): boolean => {
  try {
    formatterOf(tz);
    return true;
  } catch {
    return false;
  }
};

/** The zone's wall clock at a UTC instant, as if that wall clock were UTC (ms). */
const wallClock = (tz: string, utcMs: number): number => {
  const parts = Object.fromEntries(formatterOf(tz).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
};

/** The UTC instant of local midnight starting `date` in `tz` (two passes settle offsets that change that day). */
export const localMidnight = (date: LocalDate, tz: string): number => {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  let utc = wall - (wallClock(tz, wall) - wall);
  utc = wall - (wallClock(tz, utc) - utc);
  return utc;
};

const localDateOf = (utcMs: number, tz: string): LocalDate => {
  const wall = new Date(wallClock(tz, utcMs));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
};

/** Date arithmetic on local dates through UTC, which has no gaps. */
const addDays = (date: LocalDate, days: number): LocalDate => {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const addMonths = (date: LocalDate, months: number): LocalDate => {
  const d = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 };
};

/** The local start of the bucket containing `date`: that day, its ISO week's Monday, or its month's 1st. */
const bucketStart = (date: LocalDate, unit: GroupBy): LocalDate => {
  if (unit === 'day') return date;
  if (unit === 'month') return { ...date, day: 1 };
  const weekday = (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
};
const nextBucket = (date: LocalDate, unit: GroupBy): LocalDate =>
  unit === 'day' ? addDays(date, 1) : unit === 'week' ? addDays(date, 7) : addMonths(date, 1);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (local midnight in `tz`) or an ISO instant with an offset; null when neither. */
const parseBound = (text: string, tz: string): number | null => {
  const date = DATE.exec(text);
  if (date) {
    const local = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
    const check = new Date(Date.UTC(local.year, local.month - 1, local.day));
    if (check.getUTCMonth() + 1 !== local.month || check.getUTCDate() !== local.day) return null;
    return localMidnight(local, tz);
  }
  // An instant must say its offset: a bare local time would silently be read in the server's zone.
  return parseInstant(text);
};

/** `2026-11`, `2026-Q4` or `2026` as local calendar bounds in `tz`. */
const parseLabel = (label: string, tz: string): { from: number; to: number } | null => {
  const utc = parsePeriod(label);
  if (utc === null) return null;
  const from = localDateOf(Date.parse(utc.from), 'UTC');
  const to = localDateOf(Date.parse(utc.to), 'UTC');
  return { from: localMidnight(from, tz), to: localMidnight(to, tz) };
};

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The window of a metric query. Without `period` or `from`/`to` it is the current calendar month
 * in `tz` (up to its end). Every bad parameter is named in one 400.
 */
export const metricWindow = (query: WindowQuery, now: number): MetricWindow => {
  const tz = query.tz ?? 'UTC';
  const errors: { field: string; message: string }[] = [];
  if (!isTimeZone(tz)) errors.push({ field: 'tz', message: 'must be an IANA time zone such as Europe/Stockholm' });
  const zone = errors.length > 0 ? 'UTC' : tz;
  if (query.period !== undefined && (query.from !== undefined || query.to !== undefined)) {
    errors.push({ field: 'period', message: 'give either period or from/to, not both' });
  }
  let from: number | null = null;
  let to: number | null = null;
  if (query.period !== undefined) {
    const bounds = parseLabel(query.period, zone);
    if (bounds === null) errors.push({ field: 'period', message: 'must be YYYY-MM, YYYY-Qn or YYYY' });
    else ({ from, to } = bounds);
  } else {
    const month = bucketStart(localDateOf(now, zone), 'month');
    from = query.from === undefined ? localMidnight(month, zone) : parseBound(query.from, zone);
    to = query.to === undefined ? localMidnight(addMonths(month, 1), zone) : parseBound(query.to, zone);
    if (from === null) errors.push({ field: 'from', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with offset' });
    if (to === null) errors.push({ field: 'to', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with offset' });
    if (from !== null && to !== null && from >= to) errors.push({ field: 'from', message: 'must be before to' });
  }
  if (errors.length > 0 || from === null || to === null) throw new InvalidRequest(errors);
  const buckets = query.groupBy === undefined ? [] : bucketsOf(from, to, query.groupBy, zone);
  if (buckets.length > MAX_BUCKETS) {
    throw new InvalidRequest([{ field: 'groupBy', message: `gives more than ${MAX_BUCKETS} buckets; ask for a shorter period` }]);
  }
  return { from: iso(from), to: iso(to), tz: zone, groupBy: query.groupBy ?? null, buckets };
};

/** Calendar buckets in `tz` covering [from, to); the first and last may be partial. */
const bucketsOf = (from: number, to: number, unit: GroupBy, tz: string): metrics.Period[] => {
  const buckets: metrics.Period[] = [];
  let start = from;
  let next = bucketStart(localDateOf(from, tz), unit);
  while (start < to && buckets.length <= MAX_BUCKETS) {
    next = nextBucket(next, unit);
    const end = Math.min(localMidnight(next, tz), to);
    buckets.push({ from: iso(start), to: iso(end) });
    start = end;
  }
  return buckets;
};

/**
 * The calendar days of `period` in `tz`: those whose local midnight falls in it. A date such as an
 * opportunity's expected close belongs to the period its day starts in, in the zone asked.
 */
export const daysOf = (period: metrics.Period, tz: string): metrics.Days => {
  const firstDayFrom = (utcMs: number): string => {
    const date = localDateOf(utcMs, tz);
    const day = localMidnight(date, tz) < utcMs ? addDays(date, 1) : date;
    return localDateText(day);
  };
  return { fromDay: firstDayFrom(Date.parse(period.from)), toDay: firstDayFrom(Date.parse(period.to)) };
};

const pad = (n: number): string => String(n).padStart(2, '0');
const localDateText = (date: LocalDate): string => `${date.year}-${pad(date.month)}-${pad(date.day)}`;

/**
 * The period label (`2026-11`, `2026-Q4`, `2026`) that is exactly this period in `tz`, for targets
 * and campaign costs, which are recorded per label; null when the period is no whole calendar unit.
 */
export const periodLabel = (period: metrics.Period, tz: string): string | null => {
  const pieces = calendarPieces(period, tz);
  return pieces?.length === 1 ? pieces[0] : null;
};

const labelOf = (date: LocalDate, unit: 'year' | 'quarter' | 'month'): string =>
  unit === 'year' ? `${date.year}` : unit === 'quarter' ? `${date.year}-Q${Math.floor((date.month - 1) / 3) + 1}` : `${date.year}-${pad(date.month)}`;

const MONTHS_IN = { year: 12, quarter: 3, month: 1 } as const;

/**
 * `period` cut into calendar labels in `tz`, the largest first (a year, else a quarter, else a
 * month at each step): `2026-10-01..2027-03-01` is `2026-Q4`, `2027-01`, `2027-02`. Null when the
 * period is not whole local months.
 */
export const calendarPieces = (period: metrics.Period, tz: string): string[] | null => {
  const to = Date.parse(period.to);
  let at = Date.parse(period.from);
  let date = localDateOf(at, tz);
  const pieces: string[] = [];
  while (at < to) {
    if (date.day !== 1 || localMidnight(date, tz) !== at) return null;
    const unit = (['year', 'quarter', 'month'] as const).find((u) =>
      (date.month - 1) % MONTHS_IN[u] === 0 && localMidnight(addMonths(date, MONTHS_IN[u]), tz) <= to);
    if (unit === undefined) return null;
    pieces.push(labelOf(date, unit));
    date = addMonths(date, MONTHS_IN[unit]);
    at = localMidnight(date, tz);
  }
  return pieces;
};

/** The labels one step finer that make up `label`: a year's quarters, a quarter's months; none for a month. */
export const labelParts = (label: string): string[] => {
  if (/^\d{4}$/.test(label)) return [1, 2, 3, 4].map((q) => `${label}-Q${q}`);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter === null) return [];
  const first = (Number(quarter[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${quarter[1]}-${pad(first + i)}`);
};

/** Every calendar label (year, quarter, month) whose period in `tz` lies within `period`. */
export const labelsWithin = (period: metrics.Period, tz: string): string[] => {
  const labels = new Set<string>();
  const add = (label: string): void => {
    labels.add(label);
    for (const part of labelParts(label)) add(part);
  };
  for (const piece of calendarPieces(period, tz) ?? wholeMonthsWithin(period, tz)) add(piece);
  return [...labels];
};

/** The local months that lie wholly within `period`, as pieces (a period with ragged ends). */
const wholeMonthsWithin = (period: metrics.Period, tz: string): string[] => {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const first = localDateOf(from, tz);
  let month: LocalDate = localMidnight({ ...first, day: 1 }, tz) < from ? addMonths(first, 1) : { ...first, day: 1 };
  const months: string[] = [];
  for (; localMidnight(addMonths(month, 1), tz) <= to; month = addMonths(month, 1)) months.push(labelOf(month, 'month'));
  return months;
};

/**
 * The period just before: the previous calendar month(s) when the period is whole local months,
 * else the same length of time immediately before.
 */
export const previousPeriod = (period: metrics.Period, tz: string): metrics.Period => {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const start = localDateOf(from, tz);
  const end = localDateOf(to, tz);
  const months = (end.year - start.year) * 12 + end.month - start.month;
  const wholeMonths = start.day === 1 && end.day === 1 && months > 0
    && localMidnight(start, tz) === from && localMidnight(end, tz) === to;
  if (wholeMonths) return { from: iso(localMidnight(addMonths(start, -months), tz)), to: period.from };
  return { from: iso(from - (to - from)), to: period.from };
};
