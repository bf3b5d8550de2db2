// Body validation with class-validator: unknown fields are refused, and every invalid field is
// named by its dotted path (`lead.company.employees`), as API.md fixes.
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidRequest } from '../errors/application-errors.js';
import type { FieldError } from './problem.js';

/** One entry per invalid field; several broken constraints of one field are joined. */
export const flattenValidationErrors = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const messages = Object.values(error.constraints ?? {});
    const own = messages.length > 0 ? [{ field, message: messages.join('; ') }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });

export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequest(flattenValidationErrors(errors)),
  });
