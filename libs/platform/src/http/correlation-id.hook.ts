// Every request gets a correlation id (the caller's X-Correlation-Id, or a new one), echoed back
// and recorded in the metadata of the events it causes.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

const ACCEPTABLE = /^[\w.:-]{1,128}$/;

export type CorrelatedRequest = FastifyRequest & { correlationId?: string };

/**
 * The request's correlation id, given to it and echoed on first use. The problem-details filter asks
 * too: Fastify refuses some requests (a malformed URL) before any hook runs.
 */
export const correlationIdOf = (request: CorrelatedRequest, reply: FastifyReply): string => {
  if (request.correlationId !== undefined) return request.correlationId;
  const given = request.headers['x-correlation-id'];
  const correlationId = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  request.correlationId = correlationId;
  reply.header('X-Correlation-Id', correlationId);
  return correlationId;
};

export const correlationIdHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
  correlationIdOf(request, reply);
  done();
};
