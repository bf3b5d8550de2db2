// The runner's guarantees against real PostgreSQL: a crash in the middle of a batch applies nothing
// of it and the restart applies every event exactly once; two instances never both apply; a rebuild
// while commands keep arriving swaps in tables equal to a clean replay.
import type { INestApplication } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#event-store';
import { PG_POOL } from '#platform';
import { ProjectionRunner, readCheckpoint, rebuildProjection, type Projection } from '#projections';
import { Pool } from 'pg';
import { FunnelProjection } from '../../apps/projector/src/funnel/funnel.projection.js';
import { LeadsProjection } from '../../apps/projector/src/leads/leads.projection.js';
import { endPool } from '../support/database.js';
import { expectEventually } from '../support/expect-eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { captureAt, engage, send } from './lead-commands.js';
import { liveAndReplayed } from './read-model-tables.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString();

/** A few leads through captures, engagements and lifecycle moves: every lead-view table gets rows. */
const history = async (app: INestApplication, prefix: string, leads: number): Promise<void> => {
  for (let i = 0; i < leads; i++) {
    const email = `${prefix}${i}@example.com`;
    const { leadId } = await captureAt(app, email, at(i));
    await engage(app, email, 'webinar_attended', at(i + 1));
    if (i % 3 === 0) {
      await send(app, leadId, () => ({ type: 'AcceptLead', data: { leadId, ownerId: `rep-${i % 2}` }, metadata: { now: at(i + 2) } }), at(i + 2));
      await engage(app, email, 'proposal_opened', at(i + 3));
    }
  }
};

/**
 * The head readers see can trail what is committed (visibility waits for every older transaction in
 * the server, other spec files' included), so the checkpoint may pass the head read here.
 */
const caughtUp = async (pool: Pool, store: EventStore, name: string): Promise<void> => {
  const head = await store.headPosition();
  await expectEventually(async () => expect((await readCheckpoint(pool, name)).position >= head).toBe(true));
};

/** Applies `limit` events successfully, then writes part of the next batch and dies. */
const crashingAfter = (projection: Projection, limit: number): Projection => {
  let applied = 0;
  return {
    name: projection.name,
    eventTypes: projection.eventTypes,
    tables: projection.tables,
    apply: async (events: readonly RecordedEvent[], client) => {
      if (applied + events.length <= limit) {
        applied += events.length;
        return projection.apply(events, client);
      }
      await projection.apply(events.slice(0, Math.max(1, limit - applied)), client);
      throw new Error('projector died mid-batch');
    },
  };
};

/** `projection` noting, per batch, whether its commit will wait for the WAL flush. */
const notingCommitMode = (projection: Projection, modes: string[]): Projection => ({
  name: projection.name,
  eventTypes: projection.eventTypes,
  tables: projection.tables,
  apply: async (events: readonly RecordedEvent[], client) => {
    modes.push((await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0].synchronous_commit);
    return projection.apply(events, client);
  },
});

describe('projection runner', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  // every runner a test starts, stopped after it even when it fails (a running loop would keep jest alive)
  const runners: ProjectionRunner[] = [];
  const runner = (...args: ConstructorParameters<typeof ProjectionRunner>): ProjectionRunner => {
    const created = new ProjectionRunner(...args);
    runners.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  let pool: Pool;
  let store: EventStore;
  let leads: LeadsProjection;
  let funnel: FunnelProjection;

  beforeAll(async () => {
    // The app's own runners stay off: each test drives its runners itself.
    t = await startTestApp({ PROJECTOR_ENABLED: 'false' });
    pool = t.app.get<Pool>(PG_POOL);
    store = t.app.get<EventStore>(EVENT_STORE);
    leads = t.app.get(LeadsProjection);
    funnel = t.app.get(FunnelProjection);
    await history(t.app, 'base', 12);
  });
  afterAll(async () => {
    await t.close();
  });

  it('resumes after a crash in the middle of a batch with every event applied exactly once', async () => {
    for (const projection of [leads, funnel]) {
      const crashing = runner(pool, store, crashingAfter(projection, 20), { batchSize: 7 });
      crashing.start();
      await expectEventually(() => expect(crashing.state).toBe('failing'));
      await crashing.stop();
      const checkpoint = (await readCheckpoint(pool, projection.name)).position;
      expect(checkpoint).not.toBe('0'); // the batches before the crash were kept

      const restarted = runner(pool, store, projection, { batchSize: 7 });
      restarted.start();
      await caughtUp(pool, store, projection.name);
      await restarted.stop();
      const { live, replayed } = await liveAndReplayed(pool, store, projection);
      expect(live).toEqual(replayed);
      expect(live[projection.tables[0]].length).toBeGreaterThan(0);
    }
  });

  it('lets only one of two instances apply a projection, even while commands arrive', async () => {
    const one = runner(pool, store, leads, { batchSize: 5, lockRetryMs: 50 });
    const two = runner(pool, store, leads, { batchSize: 5, lockRetryMs: 50 });
    one.start();
    two.start();
    await history(t.app, 'twin', 6);
    await expectEventually(() => expect([one.state, two.state].sort()).toEqual(['running', 'waiting_for_lock']));
    await caughtUp(pool, store, leads.name);
    // the standby takes over when the active one stops
    const [active, standby] = one.state === 'running' ? [one, two] : [two, one];
    await active.stop();
    await history(t.app, 'takeover', 2);
    await expectEventually(() => expect(standby.state).toBe('running'));
    await caughtUp(pool, store, leads.name);
    await standby.stop();
    const { live, replayed } = await liveAndReplayed(pool, store, leads);
    expect(live).toEqual(replayed);
  });

  it('rebuilds while commands keep arriving and ends equal to a clean replay', async () => {
    const live = runner(pool, store, leads, { batchSize: 10 });
    live.start();
    const writing = history(t.app, 'during', 10);
    await rebuildProjection(pool, store, leads, { batchSize: 9 });
    await writing;
    await caughtUp(pool, store, leads.name);
    await live.stop();
    const { live: liveTables, replayed } = await liveAndReplayed(pool, store, leads);
    expect(liveTables).toEqual(replayed);
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'rebuild_%'");
    expect(rows[0].n).toBe(0);
  });

  it("commits a replay's batches without waiting for the WAL flush, and the live runner's waiting for it", async () => {
    // The test server does not wait for any flush (it is disposable): these sessions do, as a real server's would.
    const durable = new Pool({ connectionString: t.db.url, max: 4, options: '-c synchronous_commit=on' });
    try {
      const replayModes: string[] = [];
      // nothing arrives meanwhile: every batch is the replay's, none the swap's catch-up
      await rebuildProjection(durable, store, notingCommitMode(funnel, replayModes), { batchSize: 9 });
      expect(replayModes.length).toBeGreaterThan(1);
      expect(new Set(replayModes)).toEqual(new Set(['off']));

      const liveModes: string[] = [];
      const live = runner(durable, store, notingCommitMode(funnel, liveModes), { batchSize: 50 });
      live.start();
      await history(t.app, 'durable', 1);
      await caughtUp(pool, store, funnel.name);
      await live.stop();
      expect(liveModes.length).toBeGreaterThan(0);
      expect(new Set(liveModes)).toEqual(new Set(['on']));
    } finally {
      await endPool(durable);
    }
  });
});
