// Turns an authenticated HTTP request into a command on the bus: the command context (actor,
// correlation, time, If-Match) and the Idempotency-Key replay. Controllers stay one line per route.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { isUuid, leadStreamName, type CommandMetadata, type LeadCommand, type LeadState, type PlanningCommand } from '#domain';
import {
  ExecuteLeadCommand, ExecutePlanningCommand, IdempotencyStore, planningStreamName, type CommandContext, type LeadCommandResult,
  type PlanningCommandResult, type StoredAnswer,
} from '#commands';
import { InvalidRequest, NotFound, ReplayedProblem, toProblem, type Principal } from '#platform';

export type CommandRequest = FastifyRequest & { principal: Principal; correlationId: string };

export interface Answer<Body> {
  readonly status: number;
  readonly body: Body;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** `If-Match: "5"` (or W/"5", or 5) → 5; absent or `*` → no condition. */
export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) throw new InvalidRequest([{ field: 'If-Match', message: 'must be a quoted revision such as "3"' }]);
  return Number(match[1]);
};

/** Node joins a repeated request header into one string; only set-cookie, which requests do not carry, is a list. */
const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The path without the query string, as Express's `request.path` gave it: stored hashes stay valid. */
const pathOf = (url: string): string => url.split('?', 1)[0];

/** When the command happens: the body's `occurredAt` where it gives one, else now. */
const commandTime = (request: FastifyRequest): string => {
  const occurredAt = (request.body as { occurredAt?: string } | undefined)?.occurredAt;
  return occurredAt === undefined ? new Date().toISOString() : new Date(occurredAt).toISOString();
};

const requestHash = (request: FastifyRequest): string =>
  createHash('sha256').update(`${request.method} ${pathOf(request.url)}\n${JSON.stringify(request.body ?? null)}`).digest('hex');

@Injectable()
export class CommandDispatcher {
  constructor(
    private readonly bus: CommandBus,
    private readonly idempotency: IdempotencyStore,
  ) {}

  /** Runs a lead command; `successStatus` is 201 for a capture that created the lead. */
  lead(
    request: CommandRequest,
    leadId: string,
    build: (state: LeadState, metadata: CommandMetadata) => LeadCommand,
    successStatus: (result: LeadCommandResult) => number = () => 200,
  ): Promise<Answer<LeadCommandResult>> {
    if (!isUuid(leadId)) throw new NotFound(`no lead ${leadId}`);
    const { key, context } = this.context(request, leadStreamName(leadId));
    return this.once(request, key, context, async () => {
      const result = await this.bus.execute<ExecuteLeadCommand, LeadCommandResult>(
        new ExecuteLeadCommand(leadId, (state) => build(state, { now: context.now }), context),
      );
      return { status: successStatus(result), body: result };
    });
  }

  planning(request: CommandRequest, build: (metadata: CommandMetadata) => PlanningCommand): Promise<Answer<PlanningCommandResult>> {
    const now = commandTime(request); // once: the command's time and its context's are one
    const command = build({ now });
    const { key, context } = this.context(request, planningStreamName(command), now);
    return this.once(request, key, context, async () => {
      const result = await this.bus.execute<ExecutePlanningCommand, PlanningCommandResult>(new ExecutePlanningCommand(command, context));
      return { status: 200, body: result };
    });
  }

  /**
   * The command's context for the stream it writes, and the request's Idempotency-Key (checked) if
   * it has one. The event-id seed names the stream as well as the principal and key: the stored
   * answer goes after 48 h, and a key used again then on another lead or target is a new command,
   * where a seed without the stream made it find the first stream's events and answer with them.
   */
  private context(request: CommandRequest, streamId: string, now = commandTime(request)): { key: string | undefined; context: CommandContext } {
    const key = header(request, 'idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new InvalidRequest([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const context: CommandContext = {
      actor: request.principal.actor,
      correlationId: request.correlationId,
      causationId: key === undefined ? request.correlationId : `idempotency-key:${key}`,
      now,
      expectedRevision: parseIfMatch(header(request, 'if-match')),
      idempotencySeed: key === undefined ? undefined : `${request.principal.name}:${streamId}:${key}`,
    };
    return { key, context };
  }

  /**
   * With an Idempotency-Key the first answer, success or refusal, is stored and replayed to retries;
   * outages and our own errors are not answers, so a retry runs the command again (its events carry
   * ids derived from the key, so they are never appended twice).
   */
  private async once<Body>(
    request: CommandRequest, key: string | undefined, context: CommandContext, execute: () => Promise<Answer<Body>>,
  ): Promise<Answer<Body>> {
    if (key === undefined) return execute();
    const answer: StoredAnswer = await this.idempotency.run(request.principal.name, key, requestHash(request), async () => {
      try {
        return await execute();
      } catch (error) {
        const problem = toProblem(error);
        if (problem === undefined || problem.status >= 500) throw error;
        return { status: problem.status, body: { ...problem, correlationId: context.correlationId } };
      }
    });
    if (answer.status >= 400) throw new ReplayedProblem(answer.body as { status: number });
    return answer as Answer<Body>;
  }
}
