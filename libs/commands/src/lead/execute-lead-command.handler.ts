// Where a command becomes events: load the lead, decide, append with the expected revision.
// A concurrent writer makes the append fail; without If-Match we reload and decide again (the rules
// are re-checked against the fresh state) a bounded number of times, then answer 409.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide, evolve, initialState, isDomainError, leadStreamName, type LeadEvent } from '#domain';
import { EVENT_STORE, WrongExpectedRevision, type EventStore, type RecordedEvent } from '#event-store';
import { ConcurrencyConflict, PreconditionFailed } from '#platform';
import type { CommandContext, LeadCommandResult } from '../command-context.js';
import { deterministicEventId, toNewEvents } from '../event-envelope.js';
import { ExecuteLeadCommand } from './execute-lead-command.js';
import { LeadRepository, toLeadEvent, type LoadedLead } from './lead-repository.js';

export const MAX_ATTEMPTS = 5;

type Judgement =
  | { readonly kind: 'append'; readonly events: readonly LeadEvent[] }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly error: Error };

/** If-Match first (a stale caller is told so whatever the rules say), then the decider. */
const judge = ({ state, revision }: LoadedLead, build: ExecuteLeadCommand['build'], context: CommandContext): Judgement => {
  if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
    return { kind: 'refused', error: new PreconditionFailed(context.expectedRevision, revision) };
  }
  const decided = decide(build(state), state);
  if (isDomainError(decided)) return { kind: 'refused', error: decided };
  return decided.length === 0 ? { kind: 'unchanged' } : { kind: 'append', events: decided };
};

@CommandHandler(ExecuteLeadCommand)
export class ExecuteLeadCommandHandler implements ICommandHandler<ExecuteLeadCommand, LeadCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly leads: LeadRepository,
  ) {}

  async execute({ leadId, build, context }: ExecuteLeadCommand): Promise<LeadCommandResult> {
    const replay = await this.alreadyApplied(leadId, context.idempotencySeed);
    if (replay) return replay;

    for (let attempt = 1; ; attempt++) {
      // The first attempt may decide on the cached state without reading: if the lead moved on
      // meanwhile, the append's revision check refuses it and the next attempt reads the store.
      // Only an append proves the cache current, so a refusal or a no-op is re-judged on a read.
      const cached = attempt === 1 ? this.leads.cached(leadId) : undefined;
      let lead = cached ?? (await this.leads.load(leadId));
      let judged = judge(lead, build, context);
      if (cached && judged.kind !== 'append') {
        lead = await this.leads.load(leadId);
        judged = judge(lead, build, context);
      }
      if (judged.kind === 'refused') throw judged.error;
      if (judged.kind === 'unchanged') {
        return { leadId, revision: lead.revision, stage: lead.state.stage, status: lead.state.status, events: [], position: null };
      }
      try {
        const appended = await this.store.append(leadStreamName(leadId), toNewEvents(judged.events, context), {
          expectedRevision: lead.revision === 0 ? 'no_stream' : lead.revision,
        });
        const next = { state: judged.events.reduce(evolve, lead.state), revision: appended.nextRevision };
        this.leads.remember(leadId, next);
        return {
          leadId, revision: next.revision, stage: next.state.stage, status: next.state.status,
          events: judged.events.map((event) => event.type), position: appended.position,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (context.expectedRevision !== undefined) throw new PreconditionFailed(context.expectedRevision, error.actual);
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflict(lead.revision, error.actual, attempt);
      }
    }
  }

  /**
   * A command re-sent with the same seed after its events were appended (the answer was lost, the
   * process crashed before replying) answers from the stream as it was then, instead of deciding
   * again against a state it already changed. Events of the seed in another stream are another
   * lead's command, never an answer about this one (seeds name their stream: command-dispatcher.ts).
   */
  private async alreadyApplied(leadId: string, seed: string | undefined): Promise<LeadCommandResult | null> {
    if (seed === undefined) return null;
    const applied: RecordedEvent[] = [];
    const streamId = leadStreamName(leadId);
    for (let found = await this.store.findEvent(deterministicEventId(seed, 0)); found?.streamId === streamId; ) {
      applied.push(found);
      found = await this.store.findEvent(deterministicEventId(seed, applied.length));
    }
    if (applied.length === 0) return null;
    const last = applied[applied.length - 1];
    const history = await this.store.readStream(last.streamId, { maxCount: last.revision });
    const state = history.map(toLeadEvent).reduce(evolve, initialState);
    return {
      leadId, revision: last.revision, stage: state.stage, status: state.status,
      events: applied.map((event) => event.type), position: last.position,
    };
  }
}
