// Every route that takes a body needs an API key: the public ones (health, metrics, docs) are only
// read. So a write without a valid key is answered 401 before its body is read, as any route without
// one is: before, Fastify parsed the body first, and a client without a key got the body's 400
// (malformed JSON), 413 or 415. The guard (api-key.guard.ts) still decides the roles once the route runs.
import { UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { replyWithProblem } from '../http/problem-details.filter.js';
import { API_KEY_REQUIRED, principalOf, type ApiKeys } from './api-keys.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authenticateBeforeParsing = (keys: ApiKeys) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (READS.has(request.method) || principalOf(request.headers.authorization, keys) !== undefined) return undefined;
    replyWithProblem(new UnauthorizedException(API_KEY_REQUIRED), request, reply);
    return reply;
  };
