// Table contents as comparable text, to check a projection against a clean replay of the store.
import { replayInto, type Projection, type RebuildOrder } from '#projections';
import type { EventStore } from '#event-store';
import type { Pool } from 'pg';

export const dumpTables = async (pool: Pool, schema: string, tables: readonly string[]): Promise<Record<string, string[]>> => {
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${schema}"."${table}" t ORDER BY 1`);
    dump[table] = rows.map((r) => r.row);
  }
  return dump;
};

/** The projection's live tables next to a replay of the whole store (read in `order`) into a scratch schema. */
export const liveAndReplayed = async (pool: Pool, store: EventStore, projection: Projection, order: RebuildOrder = 'stream') => {
  const schema = `verify_${projection.name.replace(/\W/g, '_')}`;
  await replayInto(pool, store, projection, schema, { batchSize: 13, order });
  const replayed = await dumpTables(pool, schema, projection.tables);
  const live = await dumpTables(pool, 'public', projection.tables);
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  return { live, replayed };
};
