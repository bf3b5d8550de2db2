// Marketing messages (API.md "Marketing events") for the HTTP and Kafka suites.
import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';

export interface MarketingMessage {
  readonly messageId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly lead: Record<string, unknown>;
  readonly source?: Record<string, unknown>;
  readonly engagement?: Record<string, unknown>;
}

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 2, 10, 0) + minute * 60_000).toISOString();

export const captured = (email: string, minute = 0, messageId: string = randomUUID()): MarketingMessage => ({
  messageId, type: 'lead.captured', occurredAt: at(minute),
  lead: { email, firstName: 'Ada', company: { name: 'Example AB', employees: 250, country: 'SE' } },
  source: { channel: 'event', campaignId: 'q4-webinar' },
});

export const engaged = (email: string, minute = 0, url = `https://example.com/${minute}`, messageId: string = randomUUID()): MarketingMessage => ({
  messageId, type: 'lead.engaged', occurredAt: at(minute), lead: { email }, engagement: { kind: 'web_visit', url },
});

export const updated = (email: string, title: string, minute = 0, messageId: string = randomUUID()): MarketingMessage => ({
  messageId, type: 'lead.updated', occurredAt: at(minute), lead: { email, title },
});

export const unsubscribed = (email: string, minute = 0, messageId: string = randomUUID()): MarketingMessage => ({
  messageId, type: 'lead.unsubscribed', occurredAt: at(minute), lead: { email },
});

/** Invalid in two fields at once: every one must be named. */
export const invalid = (messageId: string = randomUUID()): Record<string, unknown> => ({
  messageId, type: 'lead.captured', occurredAt: 'yesterday', lead: { email: 'not-an-email' },
});

/** A stream of marketing messages as issue 8 describes it, with what must come of it. */
export interface MarketingScenario {
  /** In produce order: each lead's capture, then its engagements, re-sends and invalid messages between. */
  readonly stream: readonly (MarketingMessage | Record<string, unknown>)[];
  readonly emails: readonly string[];
  /** Per email: its stream as `LeadCaptured` then the engagement urls, in order. */
  readonly expected: ReadonlyMap<string, readonly string[]>;
  readonly invalidIds: readonly string[];
  readonly duplicates: number;
}

/**
 * `total` messages for `leads` leads: every 10th a re-send of a message sent shortly before (a
 * producer retry: same messageId, key and value), every 50th (offset 25) invalid, the rest new:
 * a lead's first message captures it, the next ones are engagements.
 */
export const marketingScenario = (total: number, leads: number, tag: string): MarketingScenario => {
  const emails = Array.from({ length: leads }, (_unused, index) => `${tag}-${index}@example.com`);
  const expected = new Map<string, string[]>(emails.map((email) => [email, []]));
  const stream: (MarketingMessage | Record<string, unknown>)[] = [];
  const sent: MarketingMessage[] = [];
  const invalidIds: string[] = [];
  let duplicates = 0;
  for (let slot = 0; slot < total; slot++) {
    if (slot % 10 === 9) {
      stream.push(sent[sent.length - 1 - (slot % 37) % sent.length]);
      duplicates++;
    } else if (slot % 50 === 25) {
      const id = `${tag}-invalid-${slot}`;
      invalidIds.push(id);
      stream.push({ ...invalid(id), lead: { email: emails[slot % leads] } });
    } else {
      const email = emails[sent.length % leads];
      const seen = expected.get(email) as string[];
      const message = seen.length === 0
        ? captured(email, 0, `${tag}-${slot}`)
        : engaged(email, seen.length, `https://example.com/${tag}/${slot}`, `${tag}-${slot}`);
      seen.push(seen.length === 0 ? 'LeadCaptured' : (message.engagement?.url as string));
      sent.push(message);
      stream.push(message);
    }
  }
  return { stream, emails, expected, invalidIds, duplicates };
};

/** The Kafka message of a marketing message: key = the lower-cased email. */
export const toKafkaMessage = (message: MarketingMessage | Record<string, unknown>): { key: string; value: string } => ({
  key: String((message.lead as { email?: string } | undefined)?.email ?? 'unknown').toLowerCase(),
  value: JSON.stringify(message),
});

/** The message as a consumer fetches it at `offset`, for specs that drive MarketingBatchProcessor themselves. */
export const fetchedKafkaMessage = (message: MarketingMessage | Record<string, unknown>, offset: number): KafkaMessage => {
  const { key, value } = toKafkaMessage(message);
  return { key: Buffer.from(key), value: Buffer.from(value), offset: String(offset), timestamp: '0', attributes: 0, headers: {} };
};
