// What marketing knows about a person and where they came from (the payload of captures and updates).
import type { DecisionRole, EngagementKind, SourceChannel } from './lifecycle.js';

export interface Company {
  readonly name?: string;
  readonly domain?: string;
  readonly industry?: string;
  readonly employees?: number;
  readonly country?: string; // ISO 3166-1 alpha-2
}

/** Personal fields (email, names, title, phone) are the ones erased by crypto-shredding. */
export interface LeadProfile {
  readonly email: string; // normalised: trimmed, lower-cased
  readonly firstName?: string;
  readonly lastName?: string;
  readonly title?: string;
  readonly phone?: string;
  readonly decisionRole?: DecisionRole;
  readonly company?: Company;
}

export interface LeadSource {
  readonly channel: SourceChannel;
  readonly campaignId?: string;
}

export interface Engagement {
  readonly kind: EngagementKind;
  readonly url?: string;
  readonly assetId?: string;
  /** For `outreach_replied`: minutes between the rep's outreach and the reply. */
  readonly responseMinutes?: number;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
