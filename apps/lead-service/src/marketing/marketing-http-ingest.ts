// `POST /v1/marketing-events` beyond the controller: what the body holds (one message, a JSON
// array or NDJSON lines), and one answer per message. A batch answers 202 when every message was
// accepted, else 207 Multi-Status; each result carries its own status either way (202, 400 with
// every invalid field, 503/…, or 424 when an earlier message of the same lead did not go through
// and this one was therefore not tried, to keep the lead's order).
import { Injectable } from '@nestjs/common';
import {
  forEachLead, MarketingIngest, parseMarketingMessage, validateMarketingMessage,
  type IngestResult, type MarketingMessageDto, type ValidatedMessage,
} from '#messaging';
import { InvalidRequest, toProblem, type Problem } from '#platform';

export const MAX_BATCH = 500;
/** Leads of one batch ingested at once. */
const LEAD_CONCURRENCY = 16;

export type MessageResult =
  | ({ readonly index: number; readonly messageId: string; readonly status: 202 } & IngestResult)
  | ({ readonly index: number; readonly messageId: string | null } & Problem);

export interface BatchAnswer {
  readonly results: readonly MessageResult[];
  readonly accepted: number;
  readonly duplicates: number;
  readonly failed: number;
}

export type MarketingBody =
  | { readonly kind: 'single'; readonly message: ValidatedMessage }
  | { readonly kind: 'batch'; readonly messages: readonly ValidatedMessage[] };

const invalidBody = (message: string): InvalidRequest => new InvalidRequest([{ field: 'body', message }]);

/** Reads the body the parsers left: a string for NDJSON, parsed JSON otherwise. */
export const readMarketingBody = (body: unknown, ndjson: boolean): MarketingBody => {
  if (ndjson) {
    if (typeof body !== 'string') throw invalidBody('must be NDJSON: one JSON message per line');
    return batch(body.split('\n').filter((line) => line.trim() !== '').map(parseMarketingMessage));
  }
  if (Array.isArray(body)) return batch(body.map(validateMarketingMessage));
  if (typeof body === 'object' && body !== null) return { kind: 'single', message: validateMarketingMessage(body) };
  throw invalidBody('must be a JSON message, a JSON array of messages, or NDJSON (application/x-ndjson)');
};

const batch = (messages: ValidatedMessage[]): MarketingBody => {
  if (messages.length === 0) throw invalidBody('holds no message');
  if (messages.length > MAX_BATCH) throw invalidBody(`holds ${messages.length} messages; at most ${MAX_BATCH} per request`);
  return { kind: 'batch', messages };
};

const invalidProblem = (validated: Extract<ValidatedMessage, { valid: false }>): Problem =>
  toProblem(new InvalidRequest(validated.errors)) as Problem;

@Injectable()
export class MarketingHttpIngest {
  constructor(private readonly ingest: MarketingIngest) {}

  /** One message: its result, or the error (400 invalid, 503 unavailable …) thrown for the filter. */
  async single(validated: ValidatedMessage, actor: string): Promise<IngestResult> {
    if (!validated.valid) throw new InvalidRequest(validated.errors);
    return this.ingest.ingest(validated.message, actor);
  }

  async batch(messages: readonly ValidatedMessage[], actor: string): Promise<BatchAnswer> {
    const results: MessageResult[] = new Array(messages.length);
    const valid: { index: number; message: MarketingMessageDto }[] = [];
    messages.forEach((validated, index) => {
      if (validated.valid) valid.push({ index, message: validated.message });
      else results[index] = { index, messageId: validated.messageId, ...invalidProblem(validated) };
    });
    await forEachLead(valid, LEAD_CONCURRENCY, async (chain) => {
      const outcomes = await this.ingest.ingestLead(chain.map((entry) => entry.message), actor);
      chain.forEach(({ index, message }, position) => {
        const outcome = outcomes[position];
        if (outcome === undefined) {
          results[index] = {
            index, messageId: message.messageId, type: 'urn:leadline:problem:not-processed', title: 'Not processed', status: 424,
            detail: 'An earlier message of the same lead in this batch did not go through; re-send them in order.',
          };
        } else if (outcome.accepted) {
          results[index] = { index, messageId: message.messageId, status: 202, ...outcome.result };
        } else {
          const problem = toProblem(outcome.error);
          if (problem === undefined) throw outcome.error; // our own bug: a 500 for the request, logged
          results[index] = { index, messageId: message.messageId, ...problem };
        }
      });
    });
    const accepted = results.filter((result) => result.status === 202);
    return {
      results,
      accepted: accepted.length,
      duplicates: accepted.filter((result) => 'duplicate' in result && result.duplicate).length,
      failed: results.length - accepted.length,
    };
  }
}
