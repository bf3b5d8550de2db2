// Many leads' commands in one append statement (execute-lead-batch.ts). Each lead is planned on its
// cached state, or, for a lead this process holds no state of, on the empty state: either is proven
// by the append itself, whose expected revision is the one the plan was made on. Every lead whose
// plan or append is anything but plain (a no-op or refusal that needs a look-up, a conflict, a
// re-sent message, an event refused by the store) goes alone through ExecuteLeadCommandsHandler,
// which settles those cases; the multi-stream append wrote nothing of it, so nothing is doubled.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { initialState, leadStreamName } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { ExecuteLeadBatch, type LeadBatchAnswer } from './execute-lead-batch.js';
import { ExecuteLeadCommandsHandler, type Plan } from './execute-lead-commands.handler.js';
import { LeadRepository, type LoadedLead } from './lead-repository.js';

const UNSEEN_LEAD: LoadedLead = { state: initialState, revision: 0 };

interface Planned {
  readonly index: number;
  readonly lead: LoadedLead;
  readonly plan: Plan;
}

@CommandHandler(ExecuteLeadBatch)
export class ExecuteLeadBatchHandler implements ICommandHandler<ExecuteLeadBatch, LeadBatchAnswer[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly leads: LeadRepository,
    private readonly oneLead: ExecuteLeadCommandsHandler,
  ) {}

  async execute({ leads }: ExecuteLeadBatch): Promise<LeadBatchAnswer[]> {
    const answers: LeadBatchAnswer[] = [];
    const planned: Planned[] = [];
    const alone: number[] = [];
    await Promise.all(leads.map(async ({ leadId, items }, index) => {
      const lead = this.leads.cached(leadId) ?? UNSEEN_LEAD;
      const plan = await this.oneLead.planOn(lead, items);
      if (plan.settled && plan.events.length > 0) planned.push({ index, lead, plan });
      else alone.push(index);
    }));

    const appended = planned.length === 0 ? [] : await this.store.appendMany(planned.map(({ index, lead, plan }) => ({
      streamId: leadStreamName(leads[index].leadId),
      events: plan.events,
      expectedRevision: lead.revision === 0 ? 'no_stream' as const : lead.revision,
    })));
    appended.forEach((outcome, position) => {
      const { index, plan } = planned[position];
      const { leadId } = leads[index];
      if (!('appended' in outcome) || !outcome.appended.written) {
        alone.push(index);
        return;
      }
      const { nextRevision, position: at } = outcome.appended;
      this.leads.remember(leadId, { state: plan.state, revision: nextRevision });
      answers[index] = { result: { leadId, outcomes: plan.outcomes, revision: nextRevision, position: at } };
    });

    await Promise.all(alone.map(async (index) => {
      try {
        answers[index] = { result: await this.oneLead.execute(leads[index]) };
      } catch (error) {
        answers[index] = { error };
      }
    }));
    return answers;
  }
}
