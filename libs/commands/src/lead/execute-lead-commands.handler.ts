// Several commands of one lead in one append (execute-lead-commands.ts). Each command is decided
// in order on the state the ones before it leave; the events of all of them go out as one append
// with one expected revision, each command's events with ids derived from its own seed.
// A re-sent command is found without a look-up per command: decided again, its first event has
// the id already stored, and the store refuses the append (DuplicateEventId); that command is then
// known as replayed and the rest decided again. Only a command that decides no event or is refused
// is looked up, since no append can tell whether it was applied before.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide, evolve, isDomainError, leadStreamName, type LeadState } from '#domain';
import { DuplicateEventId, EVENT_STORE, EventTooLarge, WrongExpectedRevision, type EventStore, type NewEvent } from '#event-store';
import { ConcurrencyConflict } from '#platform';
import { deterministicEventId, toNewEvents } from '../event-envelope.js';
import { MAX_ATTEMPTS } from './execute-lead-command.handler.js';
import { ExecuteLeadCommands, type LeadCommandItem, type LeadCommandItemOutcome, type LeadCommandsResult } from './execute-lead-commands.js';
import { LeadRepository, type LoadedLead } from './lead-repository.js';

/** What is known about single commands across the attempts of one batch. */
interface Known {
  readonly replayed: Set<number>;
  /** Looked up and not stored (an append refusing it as a duplicate later overrides this). */
  readonly unseen: Set<number>;
  /** Refused by the store itself (too large), found at append. */
  readonly refused: Map<number, Error>;
}

export interface Plan {
  readonly outcomes: LeadCommandItemOutcome[];
  readonly events: NewEvent[];
  /** Which command each planned event id belongs to. */
  readonly owners: Map<string, number>;
  readonly state: LeadState;
  /** Every command either appends or is known replayed: nothing was judged that a stale state could misjudge. */
  readonly settled: boolean;
}

@CommandHandler(ExecuteLeadCommands)
export class ExecuteLeadCommandsHandler implements ICommandHandler<ExecuteLeadCommands, LeadCommandsResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly leads: LeadRepository,
  ) {}

  async execute({ leadId, items }: ExecuteLeadCommands): Promise<LeadCommandsResult> {
    const known: Known = { replayed: new Set(), unseen: new Set(), refused: new Map() };
    let conflicts = 0;
    let trustCache = true;
    for (;;) {
      // As in the single handler: the cached state is proven current only by an append, so a plan
      // with a no-op or a refusal on it is made again on a read.
      const cached = trustCache ? this.leads.cached(leadId) : undefined;
      let lead: LoadedLead = cached ?? (await this.leads.load(leadId));
      let plan = await this.plan(lead, items, known);
      if (cached && !plan.settled) {
        lead = await this.leads.load(leadId);
        plan = await this.plan(lead, items, known);
      }
      if (plan.events.length === 0) return { leadId, outcomes: plan.outcomes, revision: lead.revision, position: null };
      try {
        const appended = await this.store.append(leadStreamName(leadId), plan.events, {
          expectedRevision: lead.revision === 0 ? 'no_stream' : lead.revision,
        });
        if (!appended.written) {
          // Every event was already stored at exactly these places: all of them re-sent.
          for (const index of plan.owners.values()) known.replayed.add(index);
          trustCache = false;
          continue;
        }
        this.leads.remember(leadId, { state: plan.state, revision: appended.nextRevision });
        return { leadId, outcomes: plan.outcomes, revision: appended.nextRevision, position: appended.position };
      } catch (error) {
        // Neither counts as a conflict: each settles one command for good, so this ends.
        const owner = error instanceof DuplicateEventId || error instanceof EventTooLarge ? plan.owners.get(error.eventId) : undefined;
        if (owner !== undefined) {
          if (error instanceof EventTooLarge) {
            known.refused.set(owner, error);
          } else {
            known.replayed.add(owner);
            // Re-sends come in runs (a consumer reading again after a crash): one look-up round
            // for the rest, instead of one refused append per re-sent command.
            await Promise.all(items.map((item, index) => (index === owner ? false : this.isStored(index, item, known))));
          }
          trustCache = false;
          continue;
        }
        if (!(error instanceof WrongExpectedRevision)) throw error;
        conflicts += 1;
        if (conflicts >= MAX_ATTEMPTS) throw new ConcurrencyConflict(lead.revision, error.actual, conflicts);
        trustCache = false;
      }
    }
  }

  /** A plan on `lead` as given, for ExecuteLeadBatchHandler's single append of many leads. */
  planOn(lead: LoadedLead, items: readonly LeadCommandItem[]): Promise<Plan> {
    return this.plan(lead, items, { replayed: new Set(), unseen: new Set(), refused: new Map() });
  }

  private async plan(lead: LoadedLead, items: readonly LeadCommandItem[], known: Known): Promise<Plan> {
    const outcomes: LeadCommandItemOutcome[] = [];
    const events: NewEvent[] = [];
    const owners = new Map<string, number>();
    let state = lead.state;
    let settled = true;
    const seeds = new Set<string>();
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      // The same command twice in one batch: the second is a re-send of the first.
      const repeated = seeds.has(item.context.idempotencySeed);
      seeds.add(item.context.idempotencySeed);
      if (repeated || known.replayed.has(index)) {
        outcomes.push({ kind: 'replayed' });
        continue;
      }
      const storeRefusal = known.refused.get(index);
      if (storeRefusal) {
        outcomes.push({ kind: 'refused', error: storeRefusal });
        break;
      }
      const decided = decide(item.build(state), state);
      if (!isDomainError(decided) && decided.length > 0) {
        for (const event of toNewEvents(decided, item.context)) {
          events.push(event);
          owners.set(event.eventId, index);
        }
        state = decided.reduce(evolve, state);
        outcomes.push({ kind: 'applied', events: decided.map((event) => event.type) });
        continue;
      }
      settled = false;
      if (await this.isStored(index, item, known)) {
        outcomes.push({ kind: 'replayed' });
        continue;
      }
      if (isDomainError(decided)) {
        outcomes.push({ kind: 'refused', error: decided });
        break;
      }
      outcomes.push({ kind: 'applied', events: [] });
    }
    return { outcomes, events, owners, state, settled };
  }

  private async isStored(index: number, item: LeadCommandItem, known: Known): Promise<boolean> {
    if (known.replayed.has(index)) return true;
    if (known.unseen.has(index)) return false;
    const stored = (await this.store.findEvent(deterministicEventId(item.context.idempotencySeed, 0))) !== null;
    (stored ? known.replayed : known.unseen).add(index);
    return stored;
  }
}
