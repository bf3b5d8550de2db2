// Rebuild through the admin API while the old tables keep serving, and a new scoring model version
// that, rebuilt, scores all of history anew.
import { toNewEvents } from '#commands';
import { leadIdFromEmail, leadStreamName, scoringModel } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { PG_POOL } from '#platform';
import { rebuildProjection, RebuildRunningElsewhere, rebuildSchemaOf } from '#projections';
import { Pool } from 'pg';
import { FunnelProjection } from '../../apps/projector/src/funnel/funnel.projection.js';
import { LeadsProjection } from '../../apps/projector/src/leads/leads.projection.js';
import { randomLeads } from '../metrics/random-histories.js';
import { expectEventually } from '../support/expect-eventually.js';
import { auth, SALES, startTestApp, type TestApp } from '../support/test-app.js';
import { captureAt, engage } from './lead-commands.js';
import { liveAndReplayed } from './read-model-tables.js';

const ADMIN = auth('dev-admin');
const at = (minute: number): string => new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString();

describe('rebuild', () => {
  jest.setTimeout(30_000);
  let t: TestApp;
  let pool: Pool;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp();
    pool = t.app.get<Pool>(PG_POOL);
    store = t.app.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 8; i++) {
      await captureAt(t.app, `r${i}@example.com`, at(i));
      await engage(t.app, `r${i}@example.com`, 'content_download', at(i + 1));
    }
    // Whole lives through legal paths: track changes, opportunities opened, re-owned and ended;
    // appended round by round (every lead's first event, then every lead's second, ...), as when
    // many leads are worked at once, so the store's delivery order is far from its stream order
    // (a rebuild reads stream by stream, the live runners in delivery order: the tables must agree).
    const lives = randomLeads(7, 40, { start: '2026-01-01T00:00:00Z', spanDays: 200, engagementsPerStep: 1 }).map((lead) => ({
      streamId: leadStreamName(lead.leadId),
      events: toNewEvents(lead.events, { actor: 'test', correlationId: lead.leadId, causationId: null, now: lead.events[0].data.occurredAt }),
    }));
    for (let round = 0; lives.some((life) => life.events.length > round); round++) {
      for (const { streamId, events } of lives.filter((life) => life.events.length > round)) {
        await store.append(streamId, [events[round]], { expectedRevision: round === 0 ? 'no_stream' : round });
      }
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('rebuilds a projection from the admin API, serving reads throughout, and ends equal to a clean replay', async () => {
    const lead = leadIdFromEmail('r3@example.com');
    const started = await t.http.post('/v1/admin/projections/funnel/rebuild').set(ADMIN).expect(202);
    expect(started.body).toMatchObject({ name: 'funnel', state: 'rebuilding' });
    const reads = t.http.get(`/v1/leads/${lead}`).set(SALES).expect(200);
    await expectEventually(async () => {
      const list = await t.http.get('/v1/admin/projections').set(ADMIN).expect(200);
      const funnel = list.body.items.find((p: { name: string }) => p.name === 'funnel');
      expect(funnel.lastRebuild).toMatchObject({ finishedAt: expect.any(String), error: null });
      expect(funnel.lag.events).toBe(0);
    });
    await reads;
    const { live, replayed } = await liveAndReplayed(pool, store, t.app.get(FunnelProjection));
    expect(live).toEqual(replayed);
    expect((await liveAndReplayed(pool, store, t.app.get(FunnelProjection), 'delivery')).replayed).toEqual(live);
    await expectEventually(async () => {
      const list = await t.http.get('/v1/admin/projections').set(ADMIN).expect(200);
      expect(list.body.items.find((p: { name: string }) => p.name === 'leads').lag.events).toBe(0);
    });
    for (const order of ['stream', 'delivery'] as const) {
      const leads = await liveAndReplayed(pool, store, t.app.get(LeadsProjection), order);
      expect(leads.live).toEqual(leads.replayed);
      expect(leads.live.rm_score_history.length).toBeGreaterThan(40);
    }
    for (const table of ['rm_nurture_track_changes', 'rm_open_pipeline_changes', 'rm_open_pipeline_sums']) expect(live[table].length).toBeGreaterThan(0);
    // swapped in with planner statistics (a manual ANALYZE: autovacuum's would be last_autoanalyze)
    const { rows } = await pool.query<{ table: string; analyzed: boolean }>(
      `SELECT relname AS table, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
        WHERE schemaname = 'public' AND relname = ANY($1::text[]) ORDER BY relname`,
      [t.app.get(FunnelProjection).tables],
    );
    expect(rows).toEqual([...t.app.get(FunnelProjection).tables].sort().map((table) => ({ table, analyzed: true })));
  });

  it('gives the new scores for all of history after a model version change and a rebuild', async () => {
    const model = scoringModel({ version: '2027.1', behaviour: { rules: { content_download: { points: 16, cap: 48 } } } });
    await rebuildProjection(pool, store, new LeadsProjection(model));
    const { rows } = await pool.query<{ model_version: string; delta: number; event_type: string }>(
      'SELECT model_version, delta, event_type FROM rm_score_history WHERE lead_id = $1 ORDER BY revision', [leadIdFromEmail('r0@example.com')],
    );
    expect(rows.map((r) => r.model_version)).toEqual(['2027.1', '2027.1']);
    expect(rows[1]).toMatchObject({ event_type: 'EngagementRecorded', delta: 16 });
  });

  it('runs one rebuild of a projection at a time across sessions: a second is refused, the first swaps in whole', async () => {
    const funnel = t.app.get(FunnelProjection);
    const holder = await pool.connect(); // the first rebuild held at its swap by a long reader
    await holder.query('BEGIN');
    await holder.query('SELECT count(*) FROM public.rm_funnel_leads');
    try {
      const first = rebuildProjection(pool, store, funnel, { swapLockTimeoutMs: 100, swapAttempts: 1000 });
      await expectEventually(async () => expect((await pool.query(
        `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'rm_funnel_leads' AND l.mode = 'AccessExclusiveLock' AND NOT l.granted`,
      )).rows.length).toBeGreaterThan(0));
      // another process's rebuild (here, its own pool and projection instance) does not touch the first one's tables
      const other = new Pool({ connectionString: t.db.url });
      try {
        await expect(rebuildProjection(other, store, new FunnelProjection())).rejects.toThrow(RebuildRunningElsewhere);
      } finally {
        await other.end();
      }
      await holder.query('COMMIT');
      await first;
    } finally {
      holder.release();
    }
    const { live, replayed } = await liveAndReplayed(pool, store, funnel);
    expect(live).toEqual(replayed);
    expect(live.rm_funnel_leads.length).toBeGreaterThan(10);
  });

  it('does not swap when its lock\'s session died meanwhile (another rebuild could have begun)', async () => {
    const holder = await pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT count(*) FROM public.rm_funnel_leads');
    try {
      const rebuilt = rebuildProjection(pool, store, t.app.get(FunnelProjection), { swapLockTimeoutMs: 100, swapAttempts: 1000 });
      const lockSession = async (): Promise<number | undefined> => (await pool.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 7400612 AND granted`,
      )).rows[0]?.pid;
      const pid = await expectEventually(async () => {
        const found = await lockSession();
        expect(found).toEqual(expect.any(Number));
        return found;
      });
      await pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await holder.query('COMMIT');
      await expect(rebuilt).rejects.toThrow('funnel: the rebuild lost its lock\'s session');
    } finally {
      holder.release();
    }
  });

  describe('the swap, while other sessions read the live tables', () => {
    const LIVE = 'rm_funnel_leads';
    const count = async (): Promise<number> => Number((await pool.query(`SELECT count(*) FROM public.${LIVE}`)).rows[0].count);
    /** A session reading the live table in a transaction it keeps open: a long report, or a dump. */
    const holdLiveTable = async () => {
      const holder = await pool.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT count(*) FROM public.${LIVE}`);
      return holder;
    };
    const swapWaiting = async (): Promise<boolean> => (await pool.query(
      `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = $1 AND l.mode = 'AccessExclusiveLock' AND NOT l.granted`, [LIVE],
    )).rows.length > 0;

    it('gives way to the reads queued behind it, and swaps once the long reader is done', async () => {
      const holder = await holdLiveTable();
      try {
        const rebuilt = rebuildProjection(pool, store, t.app.get(FunnelProjection), { swapLockTimeoutMs: 200, swapAttempts: 1000 });
        await expectEventually(async () => expect(await swapWaiting()).toBe(true));
        // each read goes through within one attempt's wait, instead of waiting for the long reader
        for (let i = 0; i < 5; i++) {
          const started = performance.now();
          expect(await count()).toBeGreaterThan(0);
          expect(performance.now() - started).toBeLessThan(1500);
        }
        // what arrives meanwhile reaches the rebuilt tables between attempts, kept: each attempt catches up only from there
        const lead = (await captureAt(t.app, 'while-swapping@example.com', at(50))).leadId;
        await expectEventually(async () => {
          const { rows } = await pool.query(`SELECT 1 FROM ${rebuildSchemaOf(t.app.get(FunnelProjection))}.${LIVE} WHERE lead_id = $1`, [lead]);
          expect(rows).toHaveLength(1);
        });
        await holder.query('COMMIT');
        await expect(rebuilt).resolves.toEqual(expect.any(String));
        expect((await pool.query(`SELECT 1 FROM public.${LIVE} WHERE lead_id = $1`, [lead])).rows).toHaveLength(1);
      } finally {
        holder.release();
      }
    });

    it('gives up when the live tables stay busy, the old tables serving on', async () => {
      const before = await count();
      const holder = await holdLiveTable();
      try {
        await expect(rebuildProjection(pool, store, t.app.get(FunnelProjection), { swapLockTimeoutMs: 100, swapAttempts: 3 }))
          .rejects.toThrow('funnel: the live tables stayed in use by other sessions (long queries or a dump) through 3 swap attempts');
        expect(await count()).toBe(before);
        // its fresh tables dropped, under its lock: no other rebuild could be using them
        const { rows } = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [rebuildSchemaOf(t.app.get(FunnelProjection))]);
        expect(rows).toHaveLength(0);
      } finally {
        await holder.query('COMMIT');
        holder.release();
      }
    });
  });
});
