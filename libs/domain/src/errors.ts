// Domain errors carry a stable machine-readable code; the HTTP edge maps them once (422 / 404).
import type { LeadStatus, LifecycleStage } from './lifecycle.js';

export const DOMAIN_ERROR_CODES = [
  'lead_not_found',
  'invalid_transition', // the command makes no sense in the lead's stage
  'lead_disqualified', // only reopen (and marketing facts) apply to a disqualified lead
  'owner_required',
  'criteria_incomplete',
  'amount_required',
  'lost_reason_required',
  'unknown_deal_stage',
  'pipeline_mismatch',
  'already_in_deal_stage',
  'deal_not_won',
  'products_required',
  'currency_mismatch',
  'invalid_period',
  'invalid_close_date', // an expected close date that is not YYYY-MM-DD
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly command: string,
    readonly stage: LifecycleStage | null,
    readonly status: LeadStatus | null,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;
