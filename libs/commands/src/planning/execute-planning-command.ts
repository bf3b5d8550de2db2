// Sales targets and campaign costs: facts outside any lead's stream, one stream per target or campaign.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decidePlanning, isDomainError, type PlanningCommand } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { CommandContext } from '../command-context.js';
import { toNewEvents } from '../event-envelope.js';

export class ExecutePlanningCommand {
  constructor(readonly command: PlanningCommand, readonly context: CommandContext) {}
}

export interface PlanningCommandResult {
  readonly streamId: string;
  readonly revision: number;
  readonly events: readonly string[];
  readonly position: string;
}

/** A target per period and owner (or the whole team); a campaign's costs in one stream. */
export const planningStreamName = (command: PlanningCommand): string =>
  command.type === 'SetSalesTarget'
    ? `target-${command.data.period}-${command.data.ownerId ?? 'team'}`
    : `campaign-${command.data.campaignId}`;

@CommandHandler(ExecutePlanningCommand)
export class ExecutePlanningCommandHandler implements ICommandHandler<ExecutePlanningCommand, PlanningCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ command, context }: ExecutePlanningCommand): Promise<PlanningCommandResult> {
    const event = decidePlanning(command);
    if (isDomainError(event)) throw event;
    const streamId = planningStreamName(command);
    // Each fact stands on its own (a newer target replaces an older one when read), so any order is fine.
    const appended = await this.store.append(streamId, toNewEvents([event], context), { expectedRevision: 'any' });
    return { streamId, revision: appended.nextRevision, events: [event.type], position: appended.position };
  }
}
