import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parsePeriod } from '#domain';

/**
 * A planning period label the domain reads (`2026-11`, `2026-Q4`, `2026`): refused here as a 400
 * naming the field, as API.md wants for an invalid body; the decider's own check stays as a guard.
 */
export const IsPeriod = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({
    name: 'isPeriod',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parsePeriod(value) !== null,
      defaultMessage: () => 'must be a period YYYY-MM, YYYY-Qn or YYYY (a real month or quarter)',
    },
  }, options);
