// Event builders for the scoring specs (one lead, times as ISO strings).
import type { LeadEvent, ProfileChanges } from '../events.js';
import type { Engagement, LeadProfile } from '../lead-profile.js';
import type { EngagementKind } from '../lifecycle.js';
import type { LeadScore } from './score-lead.js';
import type { ScoreLine } from './score-line.js';
import type { ScoreRule } from './scoring-model.js';

export const LEAD_ID = '6f1c1d5e-0000-5000-8000-000000000001';

/** `2026-03-01T12:00:00Z` plus `days` (fractions allowed). */
export const day = (days: number, base = '2026-03-01T12:00:00.000Z'): string =>
  new Date(Date.parse(base) + days * 86_400_000).toISOString();

export const captured = (profile: Partial<LeadProfile> = {}, at = day(0)): LeadEvent => ({
  type: 'LeadCaptured',
  data: {
    leadId: LEAD_ID, occurredAt: at,
    profile: { email: 'ada@acme.io', ...profile },
    source: { channel: 'website' },
  },
});

export const updated = (changes: ProfileChanges, at: string): LeadEvent => ({
  type: 'LeadDetailsUpdated', data: { leadId: LEAD_ID, occurredAt: at, changes },
});

export const engaged = (kind: EngagementKind, at: string, extra: Partial<Engagement> = {}): LeadEvent => ({
  type: 'EngagementRecorded', data: { leadId: LEAD_ID, occurredAt: at, engagement: { kind, ...extra } },
});

export const nurtured = (at: string): LeadEvent => ({
  type: 'NurturingStarted', data: { leadId: LEAD_ID, occurredAt: at, track: 'default', from: 'lead' },
});

export const erased = (at: string): LeadEvent => ({
  type: 'LeadPersonalDataErased', data: { leadId: LEAD_ID, occurredAt: at, reason: 'GDPR request' },
});

export const lineOf = (score: LeadScore, rule: ScoreRule): ScoreLine | undefined =>
  score.breakdown.find((l) => l.rule === rule);

export const pointsOf = (score: LeadScore, rule: ScoreRule): number | undefined => lineOf(score, rule)?.points;
