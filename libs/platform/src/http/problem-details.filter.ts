// Every error leaves the service here, once, as problem+json. Anything a client sent maps to a 4xx;
// an outage maps to 503 with Retry-After; only our own bugs become a 500, with a correlation id
// and a log line, never a stack trace.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '#domain';
import { DuplicateEventId, EventStoreUnavailable, EventTooLarge, isDatabaseUnavailable, WrongExpectedRevision } from '#event-store';
import { ConcurrencyConflict, IdempotencyKeyReused, InvalidRequest, NotFound, PreconditionFailed, ReplayedProblem, RequestInProgress } from '../errors/application-errors.js';
import { correlationIdOf, type CorrelatedRequest } from './correlation-id.hook.js';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from './problem.js';

const RETRY_AFTER_SECONDS = 5;

const malformed = (detail: string, message: string): Problem =>
  ({ type: problemType('malformed-json'), title: 'Malformed JSON', status: 400, detail, errors: [{ field: 'body', message }] });

/**
 * Fastify refuses a request it cannot read before Nest sees it (Nest hands the FastifyError over
 * as the cause of an HttpException): each is the client's mistake, never a 500.
 */
const unreadableRequestProblem = (error: unknown): Problem | undefined => {
  if (!(error instanceof Error) || error.name !== 'FastifyError') return undefined;
  const { code, statusCode } = error as Error & { code?: string; statusCode?: number };
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return malformed('The request body is not valid JSON.', 'is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return malformed('The request body is empty, but its Content-Type says JSON.', 'is empty');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { type: problemType('payload-too-large'), title: 'Payload too large', status: 413, detail: 'The request body exceeds the size limit.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { type: problemType('unsupported-media-type'), title: 'Unsupported media type', status: 415, detail: 'Send JSON (application/json), or NDJSON (application/x-ndjson) where a route takes it.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { type: problemType('unreadable-body'), title: 'Unreadable body', status: 400, detail: error.message };
    default:
      // A malformed URL, an over-long path parameter …
      return statusCode !== undefined && statusCode >= 400 && statusCode < 500
        ? { type: 'about:blank', title: STATUS_CODES[statusCode] ?? 'Bad Request', status: statusCode, detail: error.message }
        : undefined;
  }
};

export const toProblem = (error: unknown): Problem | undefined => {
  const unreadable = unreadableRequestProblem(error instanceof HttpException ? error.cause : error);
  if (unreadable) return unreadable;
  if (error instanceof ReplayedProblem) return error.problem as Problem;
  if (error instanceof InvalidRequest) {
    return { type: problemType('invalid-request'), title: 'Invalid request', status: 400, detail: error.message, errors: error.errors };
  }
  if (error instanceof DomainError) {
    if (error.code === 'lead_not_found') {
      return { type: problemType('lead-not-found'), title: 'Lead not found', status: 404, detail: error.message, code: error.code };
    }
    return {
      type: problemType(`lifecycle-rule/${error.code}`), title: 'Refused by a lifecycle rule', status: 422,
      detail: error.message, code: error.code, stage: error.stage, leadStatus: error.status, command: error.command,
    };
  }
  if (error instanceof PreconditionFailed) {
    return { type: problemType('precondition-failed'), title: 'The lead has moved on', status: 412, detail: error.message, expectedRevision: error.expectedRevision, actualRevision: error.actualRevision };
  }
  if (error instanceof ConcurrencyConflict) {
    return { type: problemType('conflict'), title: 'Concurrent change', status: 409, detail: error.message, expectedRevision: error.expectedRevision, actualRevision: error.actualRevision };
  }
  if (error instanceof WrongExpectedRevision) {
    return { type: problemType('conflict'), title: 'Concurrent change', status: 409, detail: error.message, expectedRevision: String(error.expected), actualRevision: error.actual };
  }
  if (error instanceof IdempotencyKeyReused) {
    return { type: problemType('idempotency-key-reused'), title: 'Idempotency key reused', status: 422, detail: error.message, code: 'idempotency_key_reused' };
  }
  if (error instanceof RequestInProgress) {
    return { type: problemType('request-in-progress'), title: 'Request in progress', status: 409, detail: error.message };
  }
  if (error instanceof DuplicateEventId) {
    return { type: problemType('duplicate-event'), title: 'Duplicate event id', status: 409, detail: error.message };
  }
  if (error instanceof EventTooLarge) {
    return { type: problemType('payload-too-large'), title: 'Payload too large', status: 413, detail: error.message };
  }
  if (error instanceof NotFound) {
    return { type: problemType('not-found'), title: 'Not found', status: 404, detail: error.message };
  }
  if (error instanceof EventStoreUnavailable || isDatabaseUnavailable(error)) {
    return { type: problemType('unavailable'), title: 'Service unavailable', status: 503, detail: 'The database is unavailable; retry later.' };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return { type: status === 404 ? problemType('not-found') : 'about:blank', title: error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status, detail: Array.isArray(message) ? message.join('; ') : String(message ?? error.message) };
  }
  return undefined;
};

const logger = new Logger('Errors');

/** Answers an error as problem+json: for the filter, and for requests Fastify refuses before routing. */
export const replyWithProblem = (error: unknown, request: CorrelatedRequest, reply: FastifyReply): void => {
  const correlationId = correlationIdOf(request, reply);
  const problem = toProblem(error) ?? {
    type: problemType('internal'), title: 'Internal error', status: 500,
    detail: `Something went wrong on our side; quote correlation id ${correlationId}.`,
  };
  if (problem.status >= 500 && problem.status !== 503) {
    logger.error(`${request.method} ${request.url} [${correlationId}]`, error instanceof Error ? error.stack : String(error));
  }
  if (reply.sent || reply.raw.headersSent) return;
  if (problem.status === 503) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
  void reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({ correlationId, ...problem })); // a replayed answer keeps its own
};

const NOT_HTTP: Readonly<Record<string, [status: number, detail: string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request did not arrive in time.'],
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large.'],
};

/**
 * Node's HTTP parser refuses what is not HTTP (a bad Content-Length, oversized headers …) before
 * there is a request: answered on the socket, which is then closed.
 */
export const replyToClientError = (error: Error & { code?: string }, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = NOT_HTTP[error.code ?? ''] ?? [400, 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status], status, detail });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
};

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    replyWithProblem(error, context.getRequest<CorrelatedRequest>(), context.getResponse<FastifyReply>());
  }
}
