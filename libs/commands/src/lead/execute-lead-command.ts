import type { LeadCommand, LeadState } from '#domain';
import type { CommandContext } from '../command-context.js';

/**
 * The one command the bus carries for a lead. `build` turns the lead's current state into the
 * domain command; it runs again on every retry, so what the caller resolved from state (such as
 * the lead's deal pipeline) is never stale.
 */
export class ExecuteLeadCommand {
  constructor(
    readonly leadId: string,
    readonly build: (state: LeadState) => LeadCommand,
    readonly context: CommandContext,
  ) {}
}
