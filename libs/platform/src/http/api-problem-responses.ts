// OpenAPI: the problem+json answers a command route can give, declared once for every controller.
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const COMMAND_PROBLEMS: readonly [number, string][] = [
  [400, 'Invalid body: every invalid field named in `errors` (problem+json)'],
  [401, 'No valid API key'],
  [403, 'The role may not use this route'],
  [404, 'Unknown lead'],
  [409, 'A concurrent change won every retry (expectedRevision, actualRevision)'],
  [412, 'If-Match is no longer current (expectedRevision, actualRevision)'],
  [413, 'Body too large'],
  [422, 'Refused by a lifecycle rule (code, stage, command), or an Idempotency-Key reused with another body'],
  [503, 'The database is unavailable; see Retry-After'],
];

export const ApiCommandProblems = (): ClassDecorator & MethodDecorator =>
  applyDecorators(...COMMAND_PROBLEMS.map(([status, description]) => ApiResponse({ status, description })));

export const ApiQueryProblems = (): ClassDecorator & MethodDecorator =>
  applyDecorators(...COMMAND_PROBLEMS.filter(([status]) => [400, 401, 403, 404, 503].includes(status))
    .map(([status, description]) => ApiResponse({ status, description })));
