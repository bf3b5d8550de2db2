// How a projection's batch of rows is best sent: the rows as one JSON array of objects spread by
// json_populate_recordset (what the projections did until 2026-12-06), or each column as one JSON
// array zipped back with ROWS FROM (`upsert` in apps/projector/src/sql/upsert-rows.ts, what they do
// now). Rows shaped like the two largest tables a rebuild writes: score history entries (~360 B with
// their rule changes) and lead views (~1.5 kB, most of it the view document). The two ways take
// turns, three rounds each, into fresh copies of the migrated tables; PostgreSQL's CPU is what
// they differ in.
import type { Pool, PoolClient } from 'pg';
import { upsert, writeAll } from '../../apps/projector/src/sql/upsert-rows.js';
import { migrate } from '../../apps/standalone/src/create-standalone-app.js';
import { seededRandom } from '../metrics/random-histories.js';
import { benchPool, startServer } from './bench-database.js';
import { report, round } from './event-store-bench-tools.js';
import { postgresCpu, postgresCpuUsed } from './postgres-cpu.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 1000;
const ROUNDS = 3;

type Row = Record<string, unknown>;

const uuid = (random: () => number): string =>
  'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(random() * 16).toString(16));

const at = (random: () => number): string => new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 3e10)).toISOString();

const historyRow = (random: () => number, index: number): Row => {
  const delta = Math.round(random() * 300) / 10;
  return {
    lead_id: uuid(random), revision: index % 40, model_version: '2026.1', at: at(random), event_type: 'EngagementRecorded',
    before: 12.5, score: 12.5 + delta, fit: 10, behaviour: 2.5 + delta, delta,
    changes: [{ rule: 'web_visit', category: 'behaviour', before: 2.5, after: 2.5 + delta, delta }],
    reason: `EngagementRecorded (web_visit): web_visit +${delta.toFixed(1)}`,
  };
};

const leadRow = (random: () => number): Row => {
  const leadId = uuid(random);
  const created = at(random);
  const stageHistory = ['lead', 'mql', 'sal', 'nurturing', 'mql', 'sal'].map((stage) => ({ stage, enteredAt: at(random) }));
  const state = {
    exists: true, leadId, profile: { email: `lead-${leadId.slice(0, 8)}@random.example`, firstName: 'R', title: 'Intern', decisionRole: 'other' },
    personalDataErased: false, source: { channel: 'campaign' }, stage: 'sal', status: 'active', ownerId: 'rep1', nurtureTrack: 'webinar',
    opportunity: null, deal: null, customer: null, stageBeforeDisqualification: null, stageHistory, lastOccurredAt: created,
  };
  const score = { total: 14.6, fit: 0, behaviour: 14.6, ceiling: 14.6, modelVersion: '2026.1', at: created };
  return {
    lead_id: leadId, email: state.profile.email, stage: 'sal', status: 'active', owner_id: 'rep1', source: 'campaign', campaign_id: null,
    nurture_track: 'webinar', score: 14.6, score_fit: 0, score_behaviour: 14.6, score_ceiling: 14.6, score_model_version: '2026.1',
    scored_at: created, revision: 13, position: `${'0'.repeat(17)}773:${'0'.repeat(18)}13`, created_at: created, updated_at: created,
    view: { leadId, state, products: [], score, revision: 13, position: '', createdAt: created, updatedAt: created },
  };
};

/** The way the projections wrote until 2026-12-06, kept here as what `upsert` is compared with. */
const asRowObjects = async (client: PoolClient, table: string, key: readonly string[], rows: readonly Row[]): Promise<void> => {
  const columns = Object.keys(rows[0]).map((c) => `"${c}"`);
  const updates = columns.filter((c) => !key.includes(c.slice(1, -1))).map((c) => `${c} = EXCLUDED.${c}`);
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    [JSON.stringify(rows)],
  );
};

const byColumns = async (client: PoolClient, table: string, key: readonly string[], rows: readonly Row[]): Promise<void> =>
  writeAll(client, [upsert({ table, key, rows })]);

interface Shape {
  readonly source: string;
  readonly key: readonly string[];
  readonly row: (random: () => number, index: number) => Row;
}

const SHAPES: readonly Shape[] = [
  { source: 'rm_score_history', key: ['lead_id', 'revision'], row: historyRow },
  { source: 'rm_leads', key: ['lead_id'], row: leadRow },
];

async function measure(pool: Pool, table: string, shape: Shape, batches: readonly Row[][], write: typeof byColumns) {
  const client = await pool.connect();
  try {
    await client.query(`TRUNCATE ${table}`);
    await client.query('CHECKPOINT');
    const before = await postgresCpu();
    const started = performance.now();
    for (const batch of batches) await write(client, table, shape.key, batch);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, postgresCpuSeconds: postgresCpuUsed(before, await postgresCpu()).total };
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const server = await startServer();
  await migrate(server.url);
  const pool = benchPool(server.url, 2);
  try {
    for (const shape of SHAPES) {
      const random = seededRandom(7);
      const batches = Array.from({ length: ROWS / BATCH }, (_, b) => Array.from({ length: BATCH }, (__, i) => shape.row(random, b * BATCH + i)));
      const bytes = batches.reduce((sum, batch) => sum + JSON.stringify(batch).length, 0);
      const table = `bench_${shape.source}`;
      // as a rebuild's fresh table: the key only, the other indexes come after the load
      await pool.query(`CREATE TABLE ${table} (LIKE ${shape.source} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await pool.query(`ALTER TABLE ${table} ADD PRIMARY KEY (${shape.key.join(', ')})`);
      const results: Record<string, { seconds: number; postgresCpuSeconds: number }[]> = { rowObjects: [], columns: [] };
      for (let r = 0; r < ROUNDS; r++) {
        results.rowObjects.push(await measure(pool, table, shape, batches, asRowObjects));
        results.columns.push(await measure(pool, table, shape, batches, byColumns));
      }
      for (const [variant, runs] of Object.entries(results)) {
        const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
        report({
          scenario: `batch-writes-${shape.source}`, variant, rows: ROWS, batch: BATCH, rowMb: round(bytes / 1e6),
          medianSeconds: round(median(runs.map((run) => run.seconds))), medianPostgresCpuSeconds: round(median(runs.map((run) => run.postgresCpuSeconds))),
          runs: runs.map((run) => [round(run.seconds), run.postgresCpuSeconds]),
        });
      }
    }
  } finally {
    await pool.end();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
