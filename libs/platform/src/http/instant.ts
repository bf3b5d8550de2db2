// An instant a client may send (`occurredAt`, `asOf`, a metric's `from`/`to`): a full ISO 8601
// date-time with an explicit offset, on a real calendar day. IsISO8601 alone also passes week and
// ordinal dates (`2026-W10`, `2026-123`) that Date cannot read, and local times that would be read
// in the server's zone; what passes here, Date.parse and PostgreSQL read alike.
import { ValidateBy, type ValidationOptions } from 'class-validator';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant in epoch ms, or null when the text is not such an instant. */
export const parseInstant = (text: string): number | null => {
  const match = INSTANT.exec(text);
  if (!match) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2026-02-30 over into March instead of refusing it.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return null; // ISO's year 0000 (1 BC): Date reads it, PostgreSQL refuses it
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day);
  return calendar.getUTCMonth() + 1 === month && calendar.getUTCDate() === day ? ms : null;
};

export const isInstant = (value: unknown): value is string => typeof value === 'string' && parseInstant(value) !== null;

const NOT_AN_INSTANT = 'must be an ISO 8601 date-time with an offset (Z or ±HH:MM), such as 2026-11-02T10:15:00Z';

export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: isInstant,
      defaultMessage: () => NOT_AN_INSTANT,
    },
  }, options);

/**
 * How far ahead of this server's clock an event's time may be: senders' clocks drift. Further
 * ahead, it is a mistake: the score is taken at the lead's latest time, so one event dated next
 * month would decay every score and verdict of the lead to then.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** `occurredAt` of a command or message: an instant (above), not in the future. */
export const IsEventTime = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isEventTime',
    validator: {
      validate: (value: unknown) => {
        const ms = typeof value === 'string' ? parseInstant(value) : null;
        return ms !== null && ms <= Date.now() + CLOCK_SKEW_MS;
      },
      defaultMessage: (args) => (isInstant(args?.value)
        ? `must not be in the future (more than ${CLOCK_SKEW_MS / 60_000} minutes ahead of the server's clock)`
        : NOT_AN_INSTANT),
    },
  }, options);
