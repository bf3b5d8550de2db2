import type { LeadCommand, LeadState } from '#domain';
import type { CommandContext } from '../command-context.js';

/**
 * One command of a batch. Its seed is required: the batch tells a re-sent command from a new one
 * by its deterministic event ids. If-Match has no place here: each command is decided on the state
 * the commands before it left.
 */
export interface LeadCommandItem {
  readonly build: (state: LeadState) => LeadCommand;
  readonly context: Omit<CommandContext, 'expectedRevision' | 'idempotencySeed'> & { readonly idempotencySeed: string };
}

/** What became of one command of a batch. */
export type LeadCommandItemOutcome =
  /** Decided now; `events` may be empty (nothing to change) and are appended with the batch. */
  | { readonly kind: 'applied'; readonly events: readonly string[] }
  /** Its events were stored before (a re-sent command): nothing appended. */
  | { readonly kind: 'replayed' }
  /** The rules (or the store, e.g. an event too large) refuse it; later commands were not tried. */
  | { readonly kind: 'refused'; readonly error: Error };

export interface LeadCommandsResult {
  readonly leadId: string;
  /** One per command, in order, up to and including the first refused one. */
  readonly outcomes: readonly LeadCommandItemOutcome[];
  /** The lead's revision after the batch. */
  readonly revision: number;
  /** Global position of the last appended event; null when nothing was appended. */
  readonly position: string | null;
}

/**
 * Several commands for one lead, decided in order against the state each leaves and appended as
 * ONE multi-event append with one expected revision (all or nothing): one round trip for many
 * marketing messages of a lead arriving together.
 */
export class ExecuteLeadCommands {
  constructor(
    readonly leadId: string,
    readonly items: readonly LeadCommandItem[],
  ) {}
}
