// Checkpoints live in the read database, written in the same transaction as the rows a batch
// changed: a crash either keeps both or neither.
import { START, type GlobalPosition, type RecordedEvent } from '#event-store';
import type { Pool, PoolClient } from 'pg';

export interface Checkpoint {
  readonly name: string;
  readonly position: GlobalPosition;
  readonly eventRecordedAt: string | null;
}

/** Another writer moved the checkpoint since this runner read it: its batch must not be applied. */
export class CheckpointMoved extends Error {
  constructor(readonly checkpointName: string, readonly expected: GlobalPosition, readonly actual: GlobalPosition) {
    super(`checkpoint ${checkpointName} is at ${actual}, expected ${expected}`);
    this.name = 'CheckpointMoved';
  }
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

export const readCheckpoint = async (db: Queryable, name: string): Promise<Checkpoint> => {
  const { rows } = await db.query<{ position: string; event_recorded_at: Date | null }>(
    'SELECT position, event_recorded_at FROM public.projection_checkpoints WHERE name = $1',
    [name],
  );
  const row = rows[0];
  return { name, position: row?.position ?? START, eventRecordedAt: row?.event_recorded_at?.toISOString() ?? null };
};

export const readCheckpoints = async (db: Queryable, names: readonly string[]): Promise<Checkpoint[]> =>
  Promise.all(names.map((name) => readCheckpoint(db, name)));

/**
 * Locks the checkpoint row for the rest of the transaction and checks it is where the caller left
 * it. The lock serialises batches of the same projection (two instances, a rebuild's swap) and the
 * comparison fences out a writer that lost its turn.
 */
export const lockCheckpoint = async (client: PoolClient, name: string, expected: GlobalPosition): Promise<void> => {
  // Creates the row or locks it, in one round trip: the no-op update takes the row lock and answers
  // the latest committed position once a concurrent holder has committed.
  const { rows } = await client.query<{ position: string }>(
    `INSERT INTO public.projection_checkpoints (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING position`,
    [name, START],
  );
  const actual = rows[0].position;
  if (actual !== expected) throw new CheckpointMoved(name, expected, actual);
};

export const saveCheckpoint = async (client: PoolClient, name: string, last: RecordedEvent): Promise<void> => {
  await client.query(
    `UPDATE public.projection_checkpoints SET position = $2, event_recorded_at = $3, updated_at = now() WHERE name = $1`,
    [name, last.position, last.recordedAt],
  );
};

export const deleteCheckpoint = async (db: Queryable, name: string): Promise<void> => {
  await db.query('DELETE FROM public.projection_checkpoints WHERE name = $1', [name]);
};
