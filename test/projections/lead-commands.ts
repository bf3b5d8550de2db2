// Lead facts for projection tests, sent through the command bus as marketing automation and reps would.
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteLeadCommand, type LeadCommandResult } from '#commands';
import { leadIdFromEmail, type EngagementKind, type LeadCommand, type LeadState } from '#domain';

export const send = (app: INestApplication, leadId: string, command: (state: LeadState) => LeadCommand, now: string, actor = 'test'): Promise<LeadCommandResult> =>
  app.get(CommandBus).execute(new ExecuteLeadCommand(leadId, command, { actor, correlationId: `test-${now}`, causationId: null, now }));

export const engage = (app: INestApplication, email: string, kind: EngagementKind, occurredAt: string): Promise<LeadCommandResult> => {
  const leadId = leadIdFromEmail(email);
  return send(app, leadId, () => ({
    type: 'RecordEngagement',
    data: { leadId, profile: { email }, engagement: { kind } },
    metadata: { now: occurredAt },
  }), occurredAt);
};

export const captureAt = (
  app: INestApplication, email: string, occurredAt: string, options: { channel?: 'website' | 'demo' | 'event'; employees?: number; title?: string; country?: string } = {},
): Promise<LeadCommandResult> => {
  const leadId = leadIdFromEmail(email);
  return send(app, leadId, () => ({
    type: 'CaptureLead',
    data: {
      leadId,
      profile: {
        email, firstName: 'Ada', title: options.title ?? 'VP Engineering', decisionRole: 'decision_maker',
        company: { name: 'Example AB', domain: email.split('@')[1], industry: 'software', employees: options.employees ?? 250, country: options.country ?? 'SE' },
      },
      source: { channel: options.channel ?? 'website', campaignId: 'q4-webinar' },
    },
    metadata: { now: occurredAt },
  }), occurredAt);
};
