// Marketing message → lead command and its context (API.md "Marketing events"):
// captured → CaptureLead, engaged → RecordEngagement, updated → UpdateLeadDetails,
// unsubscribed → RecordEngagement of kind `unsubscribe`. An unknown email is captured first by
// the decider itself (source `direct` unless the message names one).
import { leadIdFromEmail, normaliseEmail, type Company, type Engagement, type LeadCommand, type LeadProfile, type LeadSource } from '#domain';
import type { LeadCommandItem } from '#commands';
import type { CompanyDto, LeadDto, SourceDto } from './lead-fields.dto.js';
import type { EngagementDto, MarketingMessageDto } from './marketing-message.dto.js';

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

const toCompany = (company: CompanyDto): Company => defined({ ...company });

export const toLeadProfile = (lead: LeadDto): LeadProfile =>
  defined({
    email: normaliseEmail(lead.email),
    firstName: lead.firstName,
    lastName: lead.lastName,
    title: lead.title,
    phone: lead.phone,
    decisionRole: lead.decisionRole,
    company: lead.company === undefined ? undefined : toCompany(lead.company),
  });

const toSource = (source: SourceDto): LeadSource => defined({ channel: source.channel, campaignId: source.campaignId });

const toEngagement = (engagement: EngagementDto): Engagement =>
  defined({ kind: engagement.kind, url: engagement.url, assetId: engagement.assetId, responseMinutes: engagement.responseMinutes });

/**
 * The deterministic event ids of a message derive from this seed: the durable dedupe by messageId.
 * Unlike an Idempotency-Key's seed it does not name the lead's stream: a messageId is unique per
 * message for good (API.md), nothing expires it, and the lead comes from the message itself, so a
 * re-sent message (Kafka after a crash, an HTTP retry) lands on the same lead and the same ids. Ids
 * derived differently would also append again the messages stored before the change.
 */
export const marketingSeed = (messageId: string): string => `marketing:${messageId}`;

export const marketingLeadId = (message: MarketingMessageDto): string => leadIdFromEmail(message.lead.email);

export const toLeadCommand = (message: MarketingMessageDto): LeadCommand => {
  const leadId = marketingLeadId(message);
  const profile = toLeadProfile(message.lead);
  const metadata = { now: new Date(message.occurredAt).toISOString() };
  const source = message.source === undefined ? undefined : toSource(message.source);
  switch (message.type) {
    case 'lead.captured':
      // Validation makes `source` required for captures.
      return { type: 'CaptureLead', data: { leadId, profile, source: source as LeadSource }, metadata };
    case 'lead.updated':
      return { type: 'UpdateLeadDetails', data: { leadId, profile }, metadata };
    case 'lead.engaged':
      return { type: 'RecordEngagement', data: defined({ leadId, profile, source, engagement: toEngagement(message.engagement as EngagementDto) }), metadata };
    case 'lead.unsubscribed':
      return {
        type: 'RecordEngagement',
        data: defined({ leadId, profile, source, engagement: message.engagement ? toEngagement(message.engagement) : { kind: 'unsubscribe' as const } }),
        metadata,
      };
  }
};

/** Who sent it, tied to the message: correlation = messageId, time = occurredAt. */
export const marketingCommandContext = (message: MarketingMessageDto, actor: string): LeadCommandItem['context'] => ({
  actor,
  correlationId: message.messageId,
  causationId: message.messageId,
  now: new Date(message.occurredAt).toISOString(),
  idempotencySeed: marketingSeed(message.messageId),
});
