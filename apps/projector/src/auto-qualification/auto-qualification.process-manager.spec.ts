// The manager folds each lead once through a batch, scoring every event it handles against the
// state just before it; the events of other types in between (a disqualification, an acceptance)
// must be folded in too. The store and the command bus are stand-ins here: what is checked is
// which commands a batch issues. The running projector is tested in auto-qualification.e2e-spec.ts.
import type { CommandBus } from '@nestjs/cqrs';
import { DEFAULT_SCORING_MODEL, type LeadEvent } from '#domain';
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
 * The commands one batch of `history`'s events (those the manager handles) issues, as their
 * idempotency seeds: which command, for which event (`auto-mql:<event id>`).
 */
const commandsOf = async (history: readonly LeadEvent[]): Promise<string[]> => {
  const stored = recorded(history);
  const store = { readStream: async (_id: string, options?: ReadStreamOptions) => stored.slice(0, options?.maxCount) } as unknown as EventStore;
  const issued: string[] = [];
  const bus = { execute: async ({ context }: ExecuteLeadCommand) => issued.push(context.idempotencySeed ?? '') } as unknown as CommandBus;
  const manager = new AutoQualificationProcessManager(store, bus, DEFAULT_SCORING_MODEL, [{ name: 'everyone', owners: ['rep-1'] }]);
  const client = { query: async () => ({ rows: [{ next_index: 1 }] }) } as unknown as PoolClient;
  await manager.apply(stored.filter((event) => manager.eventTypes.includes(event.type)), client);
  return issued;
};

// the fixture lead's fit is 43 (decision maker, software, 120 employees, VP): a demo request (+30)
// takes it to 73, past the MQL threshold of 50; a proposal opened (+20) then past auto-accept's 80
const demo = leadEvent('EngagementRecorded', { engagement: { kind: 'demo_requested' } }, day(5));
const qualified = leadEvent('MarketingQualified', { basis: 'score', reason: 'score 73 >= 50', score: 73, from: 'lead' }, day(5));
const proposal = leadEvent('EngagementRecorded', { engagement: { kind: 'proposal_opened' } }, day(6));

describe('auto-qualification process manager, one batch', () => {
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
});
