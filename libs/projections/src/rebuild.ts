// Rebuild without downtime: replay from the start into fresh copies of the projection's tables in
// their own schema (the same projection code writes there through the search_path), then, in one
// transaction holding the live checkpoint's row lock, apply what arrived meanwhile, drop the old
// tables, move the new ones into `public` and set the live checkpoint. Readers are served by the old
// tables until that commit; the live runner finds its checkpoint moved and resubscribes.
import { START, type EventStore, type GlobalPosition, type RecordedEvent } from '#event-store';
import type { Pool, PoolClient } from 'pg';
import { applyBatch, quoteIdent, searchPath } from './apply-batch.js';
import { deleteCheckpoint, readCheckpoint } from './checkpoints.js';
import { handles, type Projection } from './projection.js';

export interface RebuildOptions {
  readonly batchSize?: number;
  /** Called after each batch replayed into the fresh tables. */
  readonly onProgress?: (position: GlobalPosition, events: number) => void;
}

const DEFAULT_BATCH_SIZE = 1000;

export const rebuildSchemaOf = (projection: Projection): string => `rebuild_${projection.name.replace(/[^a-z0-9_]/gi, '_')}`;

/** Empty copies (columns, defaults, indexes, constraints) of the projection's tables in `schema`. */
export const prepareFreshTables = async (pool: Pool, projection: Projection, schema: string): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    for (const table of projection.tables) {
      await client.query(`CREATE TABLE ${quoteIdent(schema)}.${quoteIdent(table)} (LIKE public.${quoteIdent(table)} INCLUDING ALL)`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * Replays the whole store into fresh tables in `schema` (no swap) and returns the position reached.
 * Used by the rebuild, and on its own to compare a replay with the live tables.
 */
export const replayInto = async (
  pool: Pool, store: EventStore, projection: Projection, schema: string, options: RebuildOptions = {},
): Promise<GlobalPosition> => {
  const checkpointName = `${projection.name}@${schema}`;
  await prepareFreshTables(pool, projection, schema);
  await deleteCheckpoint(pool, checkpointName);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let position: GlobalPosition = START;
  for (;;) {
    const page = await store.readAll({ after: position, limit: batchSize });
    if (page.events.length === 0) break;
    position = await applyBatch(pool, projection, { checkpointName, schema }, position, page.events);
    options.onProgress?.(position, page.events.length);
    if (page.events.length < batchSize) break;
  }
  await deleteCheckpoint(pool, checkpointName);
  return position;
};

/** Rebuilds `projection` from position 0 and swaps the result in; returns the checkpoint it swapped in at. */
export const rebuildProjection = async (
  pool: Pool, store: EventStore, projection: Projection, options: RebuildOptions = {},
): Promise<GlobalPosition> => {
  const schema = rebuildSchemaOf(projection);
  const replayed = await replayInto(pool, store, projection, schema, options);
  return swapIn(pool, store, projection, schema, replayed, options.batchSize ?? DEFAULT_BATCH_SIZE);
};

const swapIn = async (
  pool: Pool, store: EventStore, projection: Projection, schema: string, from: GlobalPosition, batchSize: number,
): Promise<GlobalPosition> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(searchPath(schema));
    await lockLiveCheckpoint(client, projection.name);
    const { position, last } = await catchUp(client, store, projection, from, batchSize);
    for (const table of projection.tables) {
      await client.query(`DROP TABLE public.${quoteIdent(table)}`);
      await client.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(table)} SET SCHEMA public`);
    }
    await client.query(`DROP SCHEMA ${quoteIdent(schema)}`);
    // Only ever forward: the replay read everything visible, so it is at or past the live runner.
    const live = await readCheckpoint(client, projection.name);
    if (position > live.position) {
      await client.query(
        `UPDATE public.projection_checkpoints SET position = $2, event_recorded_at = $3, updated_at = now() WHERE name = $1`,
        [projection.name, position, last?.recordedAt ?? live.eventRecordedAt],
      );
    }
    await client.query('COMMIT');
    return position > live.position ? position : live.position;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

const lockLiveCheckpoint = async (client: PoolClient, name: string): Promise<void> => {
  await client.query(
    `INSERT INTO public.projection_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
    [name, START],
  );
  await client.query('SELECT 1 FROM public.projection_checkpoints WHERE name = $1 FOR UPDATE', [name]);
};

/** Applies, inside the swap's transaction, the events that arrived since the replay ended. */
const catchUp = async (
  client: PoolClient, store: EventStore, projection: Projection, from: GlobalPosition, batchSize: number,
): Promise<{ position: GlobalPosition; last: RecordedEvent | null }> => {
  let position = from;
  let last: RecordedEvent | null = null;
  for (;;) {
    const page = await store.readAll({ after: position, limit: batchSize });
    if (page.events.length === 0) return { position, last };
    const handled = page.events.filter((event) => handles(projection, event));
    if (handled.length > 0) await projection.apply(handled, client);
    last = page.events[page.events.length - 1];
    position = last.position;
  }
};
