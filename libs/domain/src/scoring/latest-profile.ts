// The profile fit is scored on: the capture with later updates applied, as of "now".
import type { LeadEvent } from '../events.js';
import type { LeadProfile } from '../lead-profile.js';
import { instantMs } from './instants.js';

const ERASED_EMAIL = '[erased]';

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * Folds the profile the same way the lead decider's state does (lead-state.ts): a capture sets the
 * profile, an update replaces the fields it carries (`company` as a whole), an erasure keeps only
 * the non-personal fields (decision role, company) so fit on title and email stops applying.
 * Events are taken in stream order; those that occurred after `nowMs` are not known yet.
 */
export const latestProfile = (events: readonly LeadEvent[], nowMs: number): LeadProfile | null => {
  let profile: LeadProfile | null = null;
  for (const event of events) {
    if (instantMs(event.data.occurredAt, `${event.type}.occurredAt`) <= nowMs) profile = nextProfile(profile, event);
  }
  return profile;
};

/** The profile after one more event (of those `latestProfile` takes). */
export const nextProfile = (profile: LeadProfile | null, event: LeadEvent): LeadProfile | null => {
  switch (event.type) {
    case 'LeadCaptured':
      return event.data.profile;
    case 'LeadDetailsUpdated':
      return withoutUndefined({ ...(profile ?? { email: ERASED_EMAIL }), ...withoutUndefined(event.data.changes) });
    case 'LeadPersonalDataErased':
      return profile === null ? null : withoutUndefined({ email: ERASED_EMAIL, decisionRole: profile.decisionRole, company: profile.company });
    default:
      return profile; // no other event changes who the lead is
  }
};
