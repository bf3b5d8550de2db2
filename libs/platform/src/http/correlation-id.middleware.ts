// Every request gets a correlation id (the caller's X-Correlation-Id, or a new one), echoed back
// and recorded in the metadata of the events it causes.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTABLE = /^[\w.:-]{1,128}$/;

export const correlationIdMiddleware = (request: Request, response: Response, next: NextFunction): void => {
  const given = request.header('x-correlation-id');
  const correlationId = given && ACCEPTABLE.test(given) ? given : randomUUID();
  (request as Request & { correlationId: string }).correlationId = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  next();
};
