// The one validation and mapping of marketing messages (shared by Kafka and HTTP).
import { leadIdFromEmail } from '#domain';
import { marketingCommandContext, toLeadCommand } from './marketing-command.mapping.js';
import { parseMarketingMessage, validateMarketingMessage } from './marketing-message.validation.js';
import type { MarketingMessageDto } from './marketing-message.dto.js';

const base = { messageId: 'm-1', occurredAt: '2026-11-02T10:15:00Z', lead: { email: 'Ada@Example.com', firstName: 'Ada' } };

const valid = (raw: object): MarketingMessageDto => {
  const result = validateMarketingMessage(raw);
  if (!result.valid) throw new Error(`unexpectedly invalid: ${JSON.stringify(result.errors)}`);
  return result.message;
};
const fieldsOf = (raw: unknown): string[] => {
  const result = validateMarketingMessage(raw);
  return result.valid ? [] : result.errors.map((error) => error.field).sort();
};

describe('marketing message validation', () => {
  it('names every invalid field by its dotted path', () => {
    expect(fieldsOf({ messageId: '', type: 'lead.captured', occurredAt: 'soon', lead: { email: 'nope', company: { employees: -1 } } }))
      .toEqual(['lead.company.employees', 'lead.email', 'messageId', 'occurredAt', 'source']);
  });

  it('ties fields to the type', () => {
    expect(fieldsOf({ ...base, type: 'lead.engaged' })).toEqual(['engagement']);
    expect(fieldsOf({ ...base, type: 'lead.captured', source: { channel: 'event' }, engagement: { kind: 'web_visit' } })).toEqual(['engagement']);
    expect(fieldsOf({ ...base, type: 'lead.updated', source: { channel: 'event' } })).toEqual(['source']);
    expect(fieldsOf({ ...base, type: 'lead.unsubscribed', engagement: { kind: 'email_open' } })).toEqual(['engagement.kind']);
    expect(fieldsOf({ ...base, type: 'lead.deleted' })).toEqual(['type']);
  });

  it('refuses unknown fields and what is not an object', () => {
    expect(fieldsOf({ ...base, type: 'lead.updated', lead: { ...base.lead, shoeSize: 44 } })).toEqual(['lead.shoeSize']);
    expect(fieldsOf([base])).toEqual(['message']);
    expect(parseMarketingMessage('{"messageId":')).toEqual({ valid: false, errors: [{ field: 'message', message: 'is not valid JSON' }], messageId: null });
  });

  it.each(['2026-W10', '2026-123', '2026-11-02T10:15:00'])('refuses occurredAt %s, which Date cannot read as one instant', (occurredAt) => {
    expect(fieldsOf({ ...base, type: 'lead.updated', occurredAt })).toEqual(['occurredAt']);
  });

  it('refuses an occurredAt in the future beyond clock skew, and takes one a minute ahead', () => {
    const ahead = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();
    expect(fieldsOf({ ...base, type: 'lead.updated', occurredAt: ahead(60 * 24) })).toEqual(['occurredAt']);
    expect(fieldsOf({ ...base, type: 'lead.updated', occurredAt: ahead(1) })).toEqual([]);
  });

  it('refuses an array where one object is due', () => {
    expect(fieldsOf({ ...base, type: 'lead.updated', lead: { ...base.lead, company: [{ name: 'Example AB' }] } })).toEqual(['lead.company']);
    expect(fieldsOf({ ...base, type: 'lead.captured', source: [{ channel: 'event' }] })).toEqual(['source']);
  });

  it('refuses a NUL character anywhere, which PostgreSQL text cannot hold', () => {
    expect(fieldsOf({ ...base, type: 'lead.captured', source: { channel: 'event', campaignId: 'c\u0000x' } })).toEqual(['source.campaignId']);
  });

  it('refuses deep nesting as invalid instead of overflowing the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const result = parseMarketingMessage(JSON.stringify({ ...base, type: 'lead.updated' }).replace(/}$/, `,"x":${deep}}`));
    expect(result).toMatchObject({ valid: false, messageId: 'm-1', errors: [{ field: expect.stringMatching(/^x(\.0)+$/) }] });
  });

  it('keeps the messageId of an invalid message, for the answer and the DLQ', () => {
    expect(validateMarketingMessage({ messageId: 'x-9', type: 'lead.captured' })).toMatchObject({ valid: false, messageId: 'x-9' });
  });
});

describe('marketing message → command', () => {
  const leadId = leadIdFromEmail('ada@example.com');
  const metadata = { now: '2026-11-02T10:15:00.000Z' };

  it('captured → CaptureLead with the normalised profile and the source', () => {
    expect(toLeadCommand(valid({ ...base, type: 'lead.captured', source: { channel: 'event', campaignId: 'q4' } }))).toEqual({
      type: 'CaptureLead', data: { leadId, profile: { email: 'ada@example.com', firstName: 'Ada' }, source: { channel: 'event', campaignId: 'q4' } }, metadata,
    });
  });

  it('engaged → RecordEngagement (the decider captures an unknown email first)', () => {
    expect(toLeadCommand(valid({ ...base, type: 'lead.engaged', engagement: { kind: 'outreach_replied', responseMinutes: 42 } }))).toEqual({
      type: 'RecordEngagement', data: { leadId, profile: { email: 'ada@example.com', firstName: 'Ada' }, engagement: { kind: 'outreach_replied', responseMinutes: 42 } }, metadata,
    });
  });

  it('updated → UpdateLeadDetails; unsubscribed → RecordEngagement of kind unsubscribe', () => {
    expect(toLeadCommand(valid({ ...base, type: 'lead.updated' }))).toMatchObject({ type: 'UpdateLeadDetails', data: { leadId } });
    expect(toLeadCommand(valid({ ...base, type: 'lead.unsubscribed' }))).toMatchObject({ type: 'RecordEngagement', data: { engagement: { kind: 'unsubscribe' } } });
  });

  it('gives the command the message as its context: time, correlation, a seed for durable dedupe', () => {
    expect(marketingCommandContext(valid({ ...base, type: 'lead.updated' }), 'kafka:marketing.lead-events')).toEqual({
      actor: 'kafka:marketing.lead-events', correlationId: 'm-1', causationId: 'm-1', now: metadata.now, idempotencySeed: 'marketing:m-1',
    });
  });
});
