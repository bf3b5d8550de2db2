// One batch, one transaction: the read-model rows and the checkpoint move together or not at all.
import type { GlobalPosition, RecordedEvent } from '#event-store';
import type { Pool } from 'pg';
import { lockCheckpoint, saveCheckpoint } from './checkpoints.js';
import { handles, type Projection } from './projection.js';

export interface BatchTarget {
  /** Key of the checkpoint row this batch moves. */
  readonly checkpointName: string;
  /** Schema searched before `public` for the projection's tables (a rebuild's fresh tables). */
  readonly schema?: string;
  /**
   * A rebuild's replay: its commits need not wait for their WAL to reach the disk. A rebuild cut
   * short by a crash is started again from position 0 into fresh tables, so nothing its replay
   * committed is needed after one; and the swap's commit, which does wait, flushes the WAL up to
   * it, the replay's changes included.
   */
  readonly replay?: boolean;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const searchPath = (schema: string | undefined): string =>
  `SET LOCAL search_path TO ${schema === undefined ? '' : `${quoteIdent(schema)}, `}public`;

/** Applies `events` (non-empty, consecutive after `expected`) and returns the new checkpoint. */
export const applyBatch = async (
  pool: Pool,
  projection: Projection,
  target: BatchTarget,
  expected: GlobalPosition,
  events: readonly RecordedEvent[],
): Promise<GlobalPosition> => {
  const last = events[events.length - 1];
  const client = await pool.connect();
  try {
    // one round trip: a replay runs thousands of batches
    await client.query(`BEGIN; ${searchPath(target.schema)}${target.replay ? '; SET LOCAL synchronous_commit = off' : ''}`);
    await lockCheckpoint(client, target.checkpointName, expected);
    const handled = events.filter((event) => handles(projection, event));
    if (handled.length > 0) await projection.apply(handled, client);
    await saveCheckpoint(client, target.checkpointName, last);
    await client.query('COMMIT');
    return last.position;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
