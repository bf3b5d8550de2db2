// Marketing messages (API.md "Marketing events") for the HTTP and Kafka suites.
import { randomUUID } from 'node:crypto';

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
