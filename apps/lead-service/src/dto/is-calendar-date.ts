import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A real calendar date `YYYY-MM-DD` (rejects 2026-02-30, which a pattern alone would accept). */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isCalendarDate',
    target: target.constructor,
    propertyName: propertyName as string,
    options: { message: 'must be a calendar date YYYY-MM-DD', ...options },
    validator: { validate: isCalendarDate },
  });
