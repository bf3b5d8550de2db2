// Lag of a checkpoint behind the store: events not applied yet, and how long the oldest of them has
// waited. Read from the PostgreSQL store's table (positions are its (transaction id, sequence)
// pairs, see libs/event-store global-position.ts); counting stops at a bound to stay cheap.
import { START, type GlobalPosition } from '#event-store';
import type { Pool } from 'pg';

export interface Lag {
  readonly events: number;
  readonly seconds: number;
}

/** Counting stops here: a projection this far behind is "at least this far" behind. */
export const LAG_COUNT_LIMIT = 100_000;

const pair = (position: GlobalPosition): [string, string] => {
  if (position === START) return ['0', '0'];
  const [txId, sequence] = position.split(':');
  return [BigInt(txId).toString(), BigInt(sequence).toString()];
};

export const measureLag = async (pool: Pool, checkpoint: GlobalPosition): Promise<Lag> => {
  const [txId, sequence] = pair(checkpoint);
  const { rows } = await pool.query<{ events: number; seconds: number | null }>(
    `SELECT count(*)::int AS events, extract(epoch FROM now() - min(recorded_at))::float8 AS seconds
       FROM (SELECT recorded_at FROM es_events
              WHERE (tx_id, position) > ($1::xid8, $2::bigint)
              ORDER BY tx_id, position LIMIT ${LAG_COUNT_LIMIT}) pending`,
    [txId, sequence],
  );
  return { events: rows[0].events, seconds: Math.max(0, rows[0].seconds ?? 0) };
};
