// Who asks, on whose behalf and when: everything about a command that is not its business data.

export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  /** The command or event that caused this one (an idempotency key, a triggering event id). */
  readonly causationId: string | null;
  /** ISO 8601: when the command happens; from the source where it gives one. */
  readonly now: string;
  /** If-Match: the revision the caller last saw; the command is refused (412) when it moved on. */
  readonly expectedRevision?: number;
  /**
   * Seed for deterministic event ids (an idempotency key, a marketing message id, a process
   * manager's command id), so re-sending the same command can never append its events twice.
   */
  readonly idempotencySeed?: string;
}

/** The answer every lead command gives (API.md "Command success"). */
export interface LeadCommandResult {
  readonly leadId: string;
  readonly revision: number;
  readonly stage: string | null;
  readonly status: string;
  readonly events: readonly string[];
  /** Global position of the last appended event, so readers can wait for their projections. */
  readonly position: string | null;
}
