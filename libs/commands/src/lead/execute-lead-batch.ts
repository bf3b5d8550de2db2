import type { ExecuteLeadCommands, LeadCommandsResult } from './execute-lead-commands.js';

/** One lead's answer in a batch: what ExecuteLeadCommands answers, or what it throws. */
export type LeadBatchAnswer = { readonly result: LeadCommandsResult } | { readonly error: unknown };

/**
 * The commands of many leads at once (one fetched Kafka batch): each lead's as ExecuteLeadCommands
 * would run them, every lead's events in ONE multi-stream append where nothing stands in the way.
 * Answers one entry per lead, in order; rejects only when the store is unavailable.
 */
export class ExecuteLeadBatch {
  constructor(readonly leads: readonly ExecuteLeadCommands[]) {}
}
