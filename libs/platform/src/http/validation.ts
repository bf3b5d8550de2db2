// Body validation with class-validator: unknown fields are refused, and every invalid field is
// named by its dotted path (`lead.company.employees`), as API.md fixes.
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { InvalidRequest } from '../errors/application-errors.js';
import { jsonShapeErrors } from './json-shape.js';
import type { FieldError } from './problem.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

/** One entry per invalid field; several broken constraints of one field are joined. */
export const flattenValidationErrors = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const messages = Object.values(error.constraints ?? {});
    const own = messages.length > 0 ? [{ field, message: messages.join('; ') }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });

/**
 * A DTO whose fields constrain one another (BANT criteria for a BANT framework): checked with the
 * decorators in one pass, so one 400 names every bad field, not those of one kind first.
 */
export interface CrossFieldChecks {
  /** Tolerates fields the decorators refuse: it runs whatever they found. */
  crossFieldErrors(): FieldError[];
}

const crossFieldErrorsOf = (entity: object): FieldError[] =>
  typeof (entity as Partial<CrossFieldChecks>).crossFieldErrors === 'function' ? (entity as CrossFieldChecks).crossFieldErrors() : [];

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Nest's ValidationPipe with a short way for the common case, a JSON object body for a DTO class:
 * instance, validate, done, with the pipe's own options. Its guards for that case are already kept
 * by Fastify's JSON parser, which refuses `__proto__` and `constructor.prototype` keys, and by JSON
 * itself, which has no sparse arrays or binary values; they were about a quarter of the pipe's
 * time, which is the largest part of a command's CPU that is not I/O. Every other value (query
 * strings, path parameters, a body that is not an object) takes the pipe's own way.
 *
 * Whichever way, a value bound for a DTO (body, query, path) is first refused when its shape is
 * one no DTO can take safely (json-shape.ts): a NUL character, or nesting deep enough to overflow
 * class-transformer's recursion.
 */
class DtoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { type, metatype } = metadata;
    if (metatype === undefined || !this.toValidate(metadata)) return super.transform(value, metadata);
    const shapeErrors = jsonShapeErrors(value);
    if (shapeErrors.length > 0) throw new InvalidRequest(shapeErrors);
    if (type !== 'body' || !isJsonObject(value)) return super.transform(value, metadata);
    const entity = plainToInstance(metatype, value, this.transformOptions) as object;
    const errors = [...flattenValidationErrors(await validate(entity, this.validatorOptions)), ...crossFieldErrorsOf(entity)];
    if (errors.length > 0) throw new InvalidRequest(errors);
    return entity;
  }
}

export const createValidationPipe = (): ValidationPipe => {
  cacheValidationMetadata();
  return new DtoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequest(flattenValidationErrors(errors)),
  });
};
