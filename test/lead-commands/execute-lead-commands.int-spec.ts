// Several commands of one lead as ONE append (ExecuteLeadCommands): decided in order on the state
// each leaves, one transaction, each command's events with ids from its own seed, so a re-sent
// command (alone, within the batch, or mixed with new ones) appends nothing and is told apart.
import type { INestApplicationContext } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { CommandsModule, ExecuteLeadBatch, ExecuteLeadCommands, type LeadBatchAnswer, type LeadCommandItem, type LeadCommandsResult } from '#commands';
import { DomainError, leadIdFromEmail, type LeadCommand } from '#domain';
import { DatabaseModule, PlatformModule } from '#platform';
import { loadStandaloneConfig } from '../../apps/standalone/src/standalone.config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 2, 10, minute)).toISOString();

const item = (seed: string, minute: number, command: (now: string) => LeadCommand): LeadCommandItem => ({
  build: () => command(at(minute)),
  context: { actor: 'test', correlationId: seed, causationId: seed, now: at(minute), idempotencySeed: seed },
});

/** The command side alone, as one process sees it (its own cache of lead states). */
const commandContext = (url: string): Promise<INestApplicationContext> => {
  @Module({
    imports: [PlatformModule.forRoot(loadStandaloneConfig({ NODE_ENV: 'test' }).platform), DatabaseModule.forRoot({ url }), CommandsModule],
  })
  class BatchTestModule {}
  return NestFactory.createApplicationContext(BatchTestModule, { logger: false });
};

describe('ExecuteLeadCommands: one append for several commands of a lead', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let bus: CommandBus;

  beforeAll(async () => {
    db = await createTestDatabase();
    context = await commandContext(db.url);
    bus = context.get(CommandBus);
  });

  afterAll(async () => {
    await context?.close();
    await db?.drop();
  });

  const run = (leadId: string, items: readonly LeadCommandItem[]): Promise<LeadCommandsResult> =>
    bus.execute<ExecuteLeadCommands, LeadCommandsResult>(new ExecuteLeadCommands(leadId, items));

  const stored = async (leadId: string): Promise<{ type: string; url: string | null; tx: string }[]> =>
    (await db.pool.query<{ type: string; url: string | null; tx: string }>(
      "SELECT type, data->'engagement'->>'url' AS url, tx_id::text AS tx FROM es_events WHERE stream_id = $1 ORDER BY revision", [`lead-${leadId}`],
    )).rows;

  const lead = (email: string) => {
    const leadId = leadIdFromEmail(email);
    return {
      leadId,
      engaged: (seed: string, minute: number): LeadCommandItem => item(seed, minute, (now) => ({
        type: 'RecordEngagement', data: { leadId, profile: { email }, engagement: { kind: 'web_visit', url: `u${minute}` } }, metadata: { now },
      })),
      captured: (seed: string, minute: number): LeadCommandItem => item(seed, minute, (now) => ({
        type: 'CaptureLead', data: { leadId, profile: { email }, source: { channel: 'event' } }, metadata: { now },
      })),
      reopened: (seed: string, minute: number): LeadCommandItem => item(seed, minute, (now) => ({
        type: 'ReopenLead', data: { leadId, reason: 'again' }, metadata: { now },
      })),
    };
  };

  it('decides each command on the state the ones before it leave, and appends all in one transaction', async () => {
    const ada = lead('ada@example.com');
    const result = await run(ada.leadId, [ada.engaged('a1', 1), ada.engaged('a2', 2), ada.captured('a3', 3)]);
    expect(result.outcomes).toEqual([
      { kind: 'applied', events: ['LeadCaptured', 'EngagementRecorded'] },
      { kind: 'applied', events: ['EngagementRecorded'] },
      { kind: 'applied', events: [] }, // already captured, nothing changed
    ]);
    expect(result.revision).toBe(3);
    const rows = await stored(ada.leadId);
    expect(rows.map((row) => row.url ?? row.type)).toEqual(['LeadCaptured', 'u1', 'u2']);
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
  });

  it('tells re-sent commands from new ones: before, within the batch, and mixed; appends each once', async () => {
    const bob = lead('bob@example.com');
    await run(bob.leadId, [bob.captured('b1', 0), bob.engaged('b2', 1)]);
    const again = await run(bob.leadId, [bob.captured('b1', 0), bob.engaged('b2', 1), bob.engaged('b3', 2), bob.engaged('b3', 2), bob.engaged('b2', 1), bob.engaged('b4', 3)]);
    expect(again.outcomes.map((outcome) => outcome.kind)).toEqual(['replayed', 'replayed', 'applied', 'replayed', 'replayed', 'applied']);
    expect((await stored(bob.leadId)).map((row) => row.url ?? row.type)).toEqual(['LeadCaptured', 'u1', 'u2', 'u3']);

    // Another process (no cached state) comes to the same answers from the store alone.
    const other = await commandContext(db.url);
    try {
      const cold = await other.get(CommandBus).execute<ExecuteLeadCommands, LeadCommandsResult>(
        new ExecuteLeadCommands(bob.leadId, [bob.engaged('b3', 2), bob.engaged('b5', 4), bob.captured('b1', 0)]));
      expect(cold.outcomes.map((outcome) => outcome.kind)).toEqual(['replayed', 'applied', 'replayed']);
    } finally {
      await other.close();
    }
    expect((await stored(bob.leadId)).map((row) => row.url ?? row.type)).toEqual(['LeadCaptured', 'u1', 'u2', 'u3', 'u4']);
  });

  it('stops at the first refused command: the ones before are appended, the ones after not tried', async () => {
    const cy = lead('cy@example.com');
    const result = await run(cy.leadId, [cy.captured('c1', 0), cy.engaged('c2', 1), cy.reopened('c3', 2), cy.engaged('c4', 3)]);
    expect(result.outcomes).toHaveLength(3);
    expect(result.outcomes.slice(0, 2).map((outcome) => outcome.kind)).toEqual(['applied', 'applied']);
    const refused = result.outcomes[2];
    expect(refused.kind === 'refused' && refused.error).toBeInstanceOf(DomainError);
    expect((await stored(cy.leadId)).map((row) => row.url ?? row.type)).toEqual(['LeadCaptured', 'u1']);
  });

  it('ExecuteLeadBatch: many leads in one append statement; what the cache cannot vouch for goes alone and ends the same', async () => {
    const [dee, gus, eve, fay] = [lead('dee@example.com'), lead('gus@example.com'), lead('eve@example.com'), lead('fay@example.com')];
    await run(eve.leadId, [eve.captured('e1', 0)]);
    await run(fay.leadId, [fay.captured('f1', 0)]);
    // Another process moves eve on behind this one's cached state.
    const other = await commandContext(db.url);
    try {
      await other.get(CommandBus).execute(new ExecuteLeadCommands(eve.leadId, [eve.engaged('e2', 1)]));
    } finally {
      await other.close();
    }
    const answers = await bus.execute<ExecuteLeadBatch, LeadBatchAnswer[]>(new ExecuteLeadBatch([
      new ExecuteLeadCommands(dee.leadId, [dee.engaged('d1', 1), dee.engaged('d2', 2)]),
      new ExecuteLeadCommands(eve.leadId, [eve.engaged('e3', 3)]),
      new ExecuteLeadCommands(fay.leadId, [fay.captured('f1', 0), fay.engaged('f2', 1)]),
      new ExecuteLeadCommands(gus.leadId, [gus.engaged('g1', 1)]),
    ]));
    const kinds = answers.map((answer) => ('result' in answer ? answer.result.outcomes.map((outcome) => outcome.kind) : answer.error));
    expect(kinds).toEqual([['applied', 'applied'], ['applied'], ['replayed', 'applied'], ['applied']]);
    expect((await stored(dee.leadId)).map((row) => row.url ?? row.type)).toEqual(['LeadCaptured', 'u1', 'u2']);
    expect((await stored(eve.leadId)).map((row) => row.url ?? row.type)).toEqual(['LeadCaptured', 'u1', 'u3']);
    expect((await stored(fay.leadId)).map((row) => row.url ?? row.type)).toEqual(['LeadCaptured', 'u1']);
    // The leads nothing stood in the way of share one transaction.
    expect((await stored(gus.leadId))[0].tx).toBe((await stored(dee.leadId))[0].tx);
  });
});
