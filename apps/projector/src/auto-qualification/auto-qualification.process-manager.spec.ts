// The manager folds each lead once through a batch, scoring every event it handles against the
// state just before it, and goes on in the next batch from where it left the lead; the events of
// other types in between (a disqualification, an acceptance) must be folded in too. The store and the command bus are stand-ins here: what is checked is
// which commands a batch issues, each built against the lead as the command handler would read it:
// right after the triggering event, or, for a manager that lags, as the whole history leaves it. The running projector is tested in auto-qualification.e2e-spec.ts.
import type { CommandBus } from '@nestjs/cqrs';
import { DEFAULT_SCORING_MODEL, foldLead, type LeadEvent } from '#domain';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '#event-store';
import type { ExecuteLeadCommand } from '#commands';
import type { PoolClient } from 'pg';
import { captured, day, LEAD_ID, leadEvent } from '../../../../libs/domain/src/testing/lead-fixtures.js';
import { AutoQualificationProcessManager } from './auto-qualification.process-manager.js';

const STREAM = `lead-${LEAD_ID}`;
const eventId = (revision: number): string => `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`;

const recorded = (events: readonly LeadEvent[]): RecordedEvent[] => events.map((event, i) => ({
  eventId: eventId(i + 1), type: event.type, schemaVersion: 1, data: event.data,
  metadata: { correlationId: 'c', causationId: null, actor: 'test', occurredAt: event.data.occurredAt },
  streamId: STREAM, revision: i + 1, position: String(i + 1).padStart(6, '0'), recordedAt: event.data.occurredAt, hash: '', previousHash: null,
}));

/**
 * The commands that batches of `history`'s events (those the manager handles) issue, as their
 * idempotency seeds: which command, for which event (`auto-mql:<event id>`); one batch unless
 * `cuts` (revisions) split them; and the revisions each read of the store began at.
 */
const run = async (history: readonly LeadEvent[], cuts: readonly number[] = [], lagging = false): Promise<{ issued: string[]; readsFrom: number[] }> => {
  const stored = recorded(history);
  const readsFrom: number[] = [];
  const store = {
    readStream: async (_id: string, { fromRevision = 1, maxCount = Infinity }: ReadStreamOptions = {}) => {
      readsFrom.push(fromRevision);
      return stored.slice(fromRevision - 1, fromRevision - 1 + maxCount);
    },
  } as unknown as EventStore;
  const issued: string[] = [];
  const bus = {
    execute: async ({ build, context }: ExecuteLeadCommand) => {
      const trigger = stored.findIndex((event) => event.eventId === context.causationId);
      build(foldLead(lagging ? history : history.slice(0, trigger + 1))); // throws when the command no longer applies
      issued.push(context.idempotencySeed ?? '');
    },
  } as unknown as CommandBus;
  const manager = new AutoQualificationProcessManager(store, bus, DEFAULT_SCORING_MODEL, [{ name: 'everyone', owners: ['rep-1'] }]);
  const client = { query: async () => ({ rows: [{ next_index: 1 }] }) } as unknown as PoolClient;
  const handled = stored.filter((event) => manager.eventTypes.includes(event.type));
  for (const [from, to] of [0, ...cuts].map((cut, i, all) => [cut, all[i + 1] ?? Infinity])) {
    const batch = handled.filter((event) => event.revision > from && event.revision <= to);
    if (batch.length > 0) await manager.apply(batch, client);
  }
  return { issued, readsFrom };
};

const commandsOf = async (history: readonly LeadEvent[]): Promise<string[]> => (await run(history)).issued;

// the fixture lead's fit is 43 (decision maker, software, 120 employees, VP): a demo request (+30)
// takes it to 73, past the MQL threshold of 50; a proposal opened (+20) then past auto-accept's 80
const demo = leadEvent('EngagementRecorded', { engagement: { kind: 'demo_requested' } }, day(5));
const qualified = leadEvent('MarketingQualified', { basis: 'score', reason: 'score 73 >= 50', score: 73, from: 'lead' }, day(5));
const proposal = leadEvent('EngagementRecorded', { engagement: { kind: 'proposal_opened' } }, day(6));

describe('auto-qualification process manager, batch by batch', () => {
  it('qualifies a lead when an engagement takes its score past the MQL threshold', async () => {
    expect(await commandsOf([captured, demo])).toEqual([`auto-mql:${eventId(2)}`]);
  });

  it('accepts for the routed rep when a qualified lead crosses the auto-accept threshold', async () => {
    expect(await commandsOf([captured, demo, qualified, proposal])).toEqual([`auto-mql:${eventId(2)}`, `auto-accept:${eventId(4)}`]);
  });

  it('folds in the events it does not handle between those it does: a disqualified lead is left alone', async () => {
    const disqualified = leadEvent('LeadDisqualified', { reason: 'competitor', from: 'lead' }, day(4));
    expect(await commandsOf([captured, disqualified, demo])).toEqual([]);
    const disqualifiedAsMql = leadEvent('LeadDisqualified', { reason: 'competitor', from: 'mql' }, day(5));
    expect(await commandsOf([captured, demo, qualified, disqualifiedAsMql, proposal])).toEqual([`auto-mql:${eventId(2)}`]);
  });

  it('issues nothing for a crossing the lead has moved past since: a rep accepted and rejected it while the manager lagged', async () => {
    const accepted = leadEvent('SalesAccepted', { ownerId: 'rep-1', from: 'lead', onBehalfOfOwner: false }, day(6));
    const rejected = leadEvent('SalesRejected', { reason: 'not now', feedback: 'no budget this year', ownerId: 'rep-1' }, day(7));
    const history = [captured, demo, accepted, rejected];
    expect((await run(history)).issued).toEqual([`auto-mql:${eventId(2)}`]); // in time, it would have qualified it
    expect((await run(history, [], true)).issued).toEqual([]); // back in nurturing, but not where the demo request left it
  });

  it('goes on from what the batch before folded of a lead, reading only the events after it', async () => {
    const disqualified = leadEvent('LeadDisqualified', { reason: 'competitor', from: 'mql' }, day(5));
    const history = [captured, demo, qualified, disqualified, proposal];
    const whole = await run(history);
    const split = await run(history, [2, 3]);
    expect(split.issued).toEqual(whole.issued);
    expect(split.issued).toEqual([`auto-mql:${eventId(2)}`]); // the disqualification, read with the proposal, is folded in
    expect(split.readsFrom).toEqual([1, 3, 4]);
  });
});
