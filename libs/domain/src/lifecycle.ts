// The lifecycle vocabulary: stages, statuses and the closed lists of DOMAIN.md.

export const LIFECYCLE_STAGES = ['lead', 'nurturing', 'mql', 'sal', 'sql', 'closed', 'customer'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LEAD_STATUSES = ['active', 'won', 'lost', 'disqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Position of a stage in the forward order; forward moves may skip stages. */
export const stageOrder = (stage: LifecycleStage): number => LIFECYCLE_STAGES.indexOf(stage);

export const SOURCE_CHANNELS = [
  'event', 'website', 'campaign', 'newsletter', 'social', 'trial', 'partner', 'analyst', 'demo',
  'direct', 'referral', 'organic_search', 'paid_social',
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export const DECISION_ROLES = ['decision_maker', 'influencer', 'user', 'other'] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];

export const ENGAGEMENT_KINDS = [
  'web_visit', 'email_open', 'email_click', 'cta_click', 'form_submit', 'webinar_attended',
  'content_download', 'roi_content', 'trial_requested', 'demo_requested', 'proposal_opened',
  'outreach_replied', 'unsubscribe', 'hard_bounce',
] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

export const QUALIFICATION_BASES = ['score', 'sdr', 'product'] as const;
export type QualificationBasis = (typeof QUALIFICATION_BASES)[number];

export const LOST_REASONS = ['price', 'timing', 'targeting', 'pacing', 'no_demand', 'competitor', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

export const EXPANSION_KINDS = ['upsell', 'cross_sell', 'downgrade'] as const;
export type ExpansionKind = (typeof EXPANSION_KINDS)[number];

export const DEAL_OUTCOMES = ['won', 'lost'] as const;
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

export const QUALIFICATION_FRAMEWORKS = {
  BANT: ['budget', 'authority', 'need', 'timeline'],
  CHAMP: ['challenges', 'authority', 'money', 'prioritization'],
} as const;
export type QualificationFramework = keyof typeof QUALIFICATION_FRAMEWORKS;
