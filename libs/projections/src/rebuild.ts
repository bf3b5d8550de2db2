// Rebuild without downtime: replay from the start into fresh copies of the projection's tables in
// their own schema (the same projection code writes there through the search_path; projections
// rebuilt together share one read of the store), build their indexes, then, in one
// transaction holding the live checkpoint's row lock, apply what arrived meanwhile, drop the old
// tables, move the new ones into `public` and set the live checkpoint. Readers are served by the old
// tables until that commit; the live runner finds its checkpoint moved and resubscribes. The drop
// waits for the old tables' readers at most a second per attempt (`swapInWhenFree`), so a long
// query or a dump holds back the swap, not every read queued behind it. One rebuild of a projection
// runs at a time across processes (`holdRebuildLock`).
import { setTimeout as sleep } from 'node:timers/promises';
import { inTransaction, isLockTimeout, START, type EventStore, type GlobalPosition, type RecordedEvent, type StreamCursor } from '#event-store';
import type { Pool, PoolClient } from 'pg';
import { applyBatch, quoteIdent, searchPath } from './apply-batch.js';
import { deleteCheckpoint, readCheckpoint } from './checkpoints.js';
import { handles, type Projection } from './projection.js';
import { SharedPages } from './shared-pages.js';

/**
 * How a replay reads the events up to the head: `stream`, each stream's whole history together
 * (where the store can; see `replayAll`), or `delivery`, in the order subscribers get them. Stream
 * order writes each lead's rows about once; it takes the streams in the order they began, so
 * streams written at the same time are read together, but a stream's later events lie wherever they
 * were appended: on a store much larger than the server's memory that can be a random read per
 * event, where delivery order reads the table in sequence.
 */
export const REBUILD_ORDERS = ['stream', 'delivery'] as const;
export type RebuildOrder = (typeof REBUILD_ORDERS)[number];

export interface RebuildOptions {
  readonly batchSize?: number;
  /** Default `stream`. */
  readonly order?: RebuildOrder;
  /** How long one swap attempt waits for the live tables (`swapIn`). Default 1 s. */
  readonly swapLockTimeoutMs?: number;
  /** Swap attempts before the rebuild gives up, pausing up to 2 s between them. Default 30, about a minute in all. */
  readonly swapAttempts?: number;
}

const DEFAULT_BATCH_SIZE = 1000;

export const rebuildSchemaOf = (projection: Projection): string => `rebuild_${projection.name.replace(/[^a-z0-9_]/gi, '_')}`;

/** One projection replayed into fresh tables in its own schema. */
interface ReplayTarget {
  readonly projection: Projection;
  readonly schema: string;
}

const tableIn = (schema: string, table: string): string => `${quoteIdent(schema)}.${quoteIdent(table)}`;

/**
 * Empty copies of the projection's tables in `schema`: columns, defaults, checks and the key
 * constraints (the upserts' conflict targets), under their live names. The other indexes come
 * after the replay (`indexAndAnalyze`): building an index over the loaded rows once costs far less
 * than keeping it up to date row by row through the replay.
 */
export const prepareFreshTables = (pool: Pool, projection: Projection, schema: string): Promise<void> => inTransaction(pool, async (client) => {
  await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  for (const table of projection.tables) {
    await client.query(`CREATE TABLE ${tableIn(schema, table)} (LIKE public.${quoteIdent(table)} INCLUDING ALL EXCLUDING INDEXES)`);
    const { rows } = await client.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
      [`public.${quoteIdent(table)}`],
    );
    for (const { name, definition } of rows) {
      await client.query(`ALTER TABLE ${tableIn(schema, table)} ADD CONSTRAINT ${quoteIdent(name)} ${definition}`);
    }
  }
});

/**
 * The live tables' indexes that no constraint owns, built on the fresh tables in `schema`, then
 * planner statistics for them: swapped in without, the first queries on them were planned blind
 * until autovacuum came by.
 */
const indexAndAnalyze = async (pool: Pool, projection: Projection, schema: string): Promise<void> => {
  for (const table of projection.tables) {
    const { rows } = await pool.query<{ definition: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
        WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1`,
      [`public.${quoteIdent(table)}`],
    );
    for (const { definition } of rows) {
      // `CREATE INDEX name ON public.table USING …`: the same index on the fresh table (indexes live in their table's schema)
      await pool.query(definition.replace(/ ON (ONLY )?public\./, ` ON $1${quoteIdent(schema)}.`));
    }
    await pool.query(`ANALYZE ${tableIn(schema, table)}`);
  }
};

const replayCheckpointOf = ({ projection, schema }: ReplayTarget): string => `${projection.name}@${schema}`;

/** Where a replay or catch-up got to: the position, and the recording time of the latest event applied there (null: none yet). */
interface Reached {
  readonly position: GlobalPosition;
  readonly recordedAt: string | null;
}

const later = (reached: Reached, events: readonly RecordedEvent[]): Reached => events.reduce<Reached>(
  (latest, event) => (event.position > latest.position ? { position: event.position, recordedAt: event.recordedAt } : latest),
  reached,
);

/**
 * Replays the whole store into fresh tables, one schema per target, reading and decoding each page
 * of events once for all of them (`SharedPages`); each target applies the pages at its own pace, in
 * its own transactions with its own checkpoint. A target whose batch fails drops out (its error is
 * its result); the others go on. Returns, per target in order, the position reached or the error.
 *
 * In `stream` order, where the store can (`readAllByStream`), the events up to the head are read
 * stream by stream, then what arrived meanwhile in delivery order. Projections keep their models
 * per stream (a lead's view, its funnel state), and their sums add up in any order, so the tables
 * come out the same; but a page then holds whole histories, and each lead's rows are built and
 * written about once, where pages in delivery order read back and rewrite a lead's documents on
 * every page its events are spread over (every page, in a store where many leads are worked at once).
 */
const replayAll = async (
  pool: Pool, store: EventStore, targets: readonly ReplayTarget[], options: RebuildOptions,
): Promise<PromiseSettledResult<Reached>[]> => {
  for (const target of targets) {
    await prepareFreshTables(pool, target.projection, target.schema);
    await deleteCheckpoint(pool, replayCheckpointOf(target));
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const readByStream = options.order === 'delivery' ? undefined : store.readAllByStream?.bind(store);
  const head = readByStream === undefined ? START : await store.headPosition();
  const byStream = readByStream === undefined ? null
    : new SharedPages<StreamCursor | null>((after, limit) => readByStream({ upTo: head, after, limit }), null, batchSize, targets.length);
  const inDeliveryOrder = new SharedPages<GlobalPosition>((after, limit) => store.readAll({ after, limit }), head, batchSize, targets.length);
  return Promise.all(targets.map(async (target, reader): Promise<PromiseSettledResult<Reached>> => {
    try {
      const nothing: Reached = { position: START, recordedAt: null };
      const streams = byStream === null ? { checkpoint: START, latest: nothing }
        : await replayPages(pool, target, byStream, reader, batchSize, START, nothing);
      byStream?.stop(reader);
      const { next: position, latest } = await replayPages(pool, target, inDeliveryOrder, reader, batchSize, streams.checkpoint, streams.latest);
      await indexAndAnalyze(pool, target.projection, target.schema);
      await deleteCheckpoint(pool, replayCheckpointOf(target));
      // the cursor, not the latest event: pages in delivery order end at the head even when the projection handled none of its events
      return { status: 'fulfilled', value: { position, recordedAt: latest.recordedAt } };
    } catch (error) {
      return { status: 'rejected', reason: error };
    } finally {
      byStream?.stop(reader);
      inDeliveryOrder.stop(reader);
    }
  }));
};

/**
 * Applies the shared pages, in order, to `target`'s fresh tables, each batch moving the replay's
 * checkpoint from where the one before left it (`checkpoint`, START at first): it fences out a
 * second rebuild of the same projection. Returns the checkpoint, the cursor reached and the latest
 * event read (stream order reads them out of delivery order). In stream order the checkpoint is
 * only that fence; the position the replay reached is the cursor of the pages in delivery order.
 */
const replayPages = async <Cursor>(
  pool: Pool, target: ReplayTarget, pages: SharedPages<Cursor>, reader: number, batchSize: number, checkpoint: GlobalPosition, latest: Reached,
): Promise<{ checkpoint: GlobalPosition; next: Cursor; latest: Reached }> => {
  let saved = checkpoint;
  let reached = latest;
  for (let index = 0; ; index++) {
    const page = await pages.page(reader, index);
    if (page.events.length > 0) {
      saved = await applyBatch(pool, target.projection, { checkpointName: replayCheckpointOf(target), schema: target.schema, replay: true }, saved, page.events);
      reached = later(reached, page.events);
    }
    if (page.events.length < batchSize) return { checkpoint: saved, next: page.next, latest: reached };
  }
};

/**
 * Replays the whole store into fresh tables in `schema` (no swap) and returns the position reached.
 * Used on its own to compare a replay with the live tables.
 */
export const replayInto = async (
  pool: Pool, store: EventStore, projection: Projection, schema: string, options: RebuildOptions = {},
): Promise<GlobalPosition> => settled((await replayAll(pool, store, [{ projection, schema }], options))[0]).position;

const settled = <T>(result: PromiseSettledResult<T>): T => {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
};

/** Namespace of the two-key advisory locks a rebuild holds (the second key hashes the projection's name). */
const REBUILD_LOCK_NAMESPACE = 7_400_612;

/** A rebuild's lock: a session of its own, held from the fresh tables' creation to the swap. */
interface RebuildLock {
  readonly pid: number;
  /** The session holding the lock: a statement it runs runs while no other rebuild can have begun. */
  readonly session: PoolClient;
}

/**
 * Takes the projection's rebuild lock, or null when another session holds it. Without it, a second
 * rebuild (the admin API of another instance, `npm run rebuild`) would drop and recreate the same
 * `rebuild_<name>` schema under the first, which could then swap in the second's half-filled tables.
 */
const holdRebuildLock = async (pool: Pool, projection: Projection): Promise<RebuildLock | null> => {
  const client = await pool.connect();
  client.on('error', () => undefined); // a lost session drops the lock; the swap checks for it (`stillHeld`)
  try {
    const { rows } = await client.query<{ locked: boolean; pid: number }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked, pg_backend_pid() AS pid', [REBUILD_LOCK_NAMESPACE, projection.name],
    );
    if (rows[0].locked) return { pid: rows[0].pid, session: client };
  } catch (error) {
    client.release(true);
    throw error;
  }
  client.release(true);
  return null;
};

/** Inside the swap's transaction: the lock's session still holds it, so no other rebuild can have begun meanwhile. */
const stillHeld = async (client: PoolClient, projection: Projection, lock: RebuildLock): Promise<boolean> => (await client.query(
  `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = $1 AND granted AND classid = $2::int::oid AND objid = hashtext($3)::oid AND objsubid = 2`,
  [lock.pid, REBUILD_LOCK_NAMESPACE, projection.name],
)).rows.length > 0;

/**
 * Rebuilds `projections` from position 0 together (one read of the store for all) and swaps each
 * one's result in on its own; returns, per projection in order, the checkpoint it swapped in at or
 * why it failed (a failed one keeps its old tables; one being rebuilt by another session is not started).
 */
export const rebuildProjections = async (
  pool: Pool, store: EventStore, projections: readonly Projection[], options: RebuildOptions = {},
): Promise<PromiseSettledResult<GlobalPosition>[]> => {
  const locks: (RebuildLock | null)[] = [];
  try {
    // one by one, so a lock taken is in the list (and released) even when the next one fails
    for (const projection of projections) locks.push(await holdRebuildLock(pool, projection));
    const targets = projections.flatMap((projection, i) => (locks[i] === null ? [] : [{ projection, schema: rebuildSchemaOf(projection) }]));
    const replayed = await replayAll(pool, store, targets, options);
    return await Promise.all(projections.map(async (projection, i): Promise<PromiseSettledResult<GlobalPosition>> => {
      const lock = locks[i];
      if (lock === null) return { status: 'rejected', reason: new RebuildRunningElsewhere(projection.name) };
      const result = replayed[targets.findIndex((target) => target.projection === projection)];
      try {
        if (result.status === 'rejected') throw result.reason;
        return { status: 'fulfilled', value: await swapInWhenFree(pool, store, projection, rebuildSchemaOf(projection), result.value, lock, options) };
      } catch (error) {
        await dropLeftovers(lock, projection);
        return { status: 'rejected', reason: error };
      }
    }));
  } finally {
    // ending a lock's session frees the lock
    for (const lock of locks) lock?.session.release(true);
  }
};

/**
 * Drops what a failed rebuild left in its schema, through its lock's session: should that session
 * have died, another rebuild may own the schema now, and the statement fails instead.
 */
const dropLeftovers = async (lock: RebuildLock, projection: Projection): Promise<void> => {
  await lock.session.query(`DROP SCHEMA IF EXISTS ${quoteIdent(rebuildSchemaOf(projection))} CASCADE`).catch(() => undefined);
};

export class RebuildRunningElsewhere extends Error {
  constructor(readonly projection: string) {
    super(`${projection}: another session is rebuilding it (another instance's admin API, or \`npm run rebuild\`); try again when it is done`);
    this.name = 'RebuildRunningElsewhere';
  }
}

/** Rebuilds `projection` from position 0 and swaps the result in; returns the checkpoint it swapped in at. */
export const rebuildProjection = async (
  pool: Pool, store: EventStore, projection: Projection, options: RebuildOptions = {},
): Promise<GlobalPosition> => settled((await rebuildProjections(pool, store, [projection], options))[0]);

/**
 * `swapIn`, attempted again while other sessions hold the live tables. Dropping a table waits for
 * every query and dump reading it, and every read asked for meanwhile queues behind the drop: one
 * long query would stop all reads of the table until it ended. So each attempt gives up after
 * `swapLockTimeoutMs`, letting the queued reads through; between attempts the fresh tables catch up
 * on what arrived, in a transaction of their own, so an attempt's catch-up under the checkpoint's
 * lock stays short. The rebuild fails, its old tables serving on, when the live tables stayed busy
 * through every attempt.
 */
const swapInWhenFree = async (
  pool: Pool, store: EventStore, projection: Projection, schema: string, from: Reached, lock: RebuildLock, options: RebuildOptions,
): Promise<GlobalPosition> => {
  const attempts = options.swapAttempts ?? 30;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let caughtUp = from;
  for (let attempt = 1; ; attempt++) {
    try {
      return await swapIn(pool, store, projection, schema, caughtUp, lock, batchSize, options.swapLockTimeoutMs ?? 1000);
    } catch (error) {
      if (!isLockTimeout(error)) throw error;
      if (attempt >= attempts) {
        throw new Error(`${projection.name}: the live tables stayed in use by other sessions (long queries or a dump) through ${attempts} swap attempts; the old tables serve on, rebuild again later`, { cause: error });
      }
      await sleep(Math.min(2000, 50 * 2 ** attempt));
      // what arrived meanwhile, applied and kept, so the next attempt's own catch-up stays short
      caughtUp = await catchUpFreshTables(pool, store, projection, schema, caughtUp, batchSize);
    }
  }
};

const catchUpFreshTables = (
  pool: Pool, store: EventStore, projection: Projection, schema: string, from: Reached, batchSize: number,
): Promise<Reached> => inTransaction(pool, async (client) => {
  await client.query(searchPath(schema));
  return catchUp(client, store, projection, from, batchSize);
});

const swapIn = (
  pool: Pool, store: EventStore, projection: Projection, schema: string, from: Reached, lock: RebuildLock, batchSize: number, lockTimeoutMs: number,
): Promise<GlobalPosition> => inTransaction(pool, async (client) => {
  await client.query(searchPath(schema));
  await lockLiveCheckpoint(client, projection.name);
  if (!await stillHeld(client, projection, lock)) {
    throw new Error(`${projection.name}: the rebuild lost its lock's session, so another rebuild may have replaced its tables; the old tables serve on, rebuild again`);
  }
  const { position, recordedAt } = await catchUp(client, store, projection, from, batchSize);
  await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
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
      [projection.name, position, recordedAt],
    );
  }
  return position > live.position ? position : live.position;
});

const lockLiveCheckpoint = async (client: PoolClient, name: string): Promise<void> => {
  await client.query(
    `INSERT INTO public.projection_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
    [name, START],
  );
  await client.query('SELECT 1 FROM public.projection_checkpoints WHERE name = $1 FOR UPDATE', [name]);
};

/** Applies, inside the swap's transaction, the events that arrived since the replay ended. */
const catchUp = async (
  client: PoolClient, store: EventStore, projection: Projection, from: Reached, batchSize: number,
): Promise<Reached> => {
  let reached = from;
  for (;;) {
    const page = await store.readAll({ after: reached.position, limit: batchSize });
    if (page.events.length === 0) return reached;
    const handled = page.events.filter((event) => handles(projection, event));
    if (handled.length > 0) await projection.apply(handled, client);
    const last = page.events[page.events.length - 1];
    reached = { position: last.position, recordedAt: last.recordedAt };
  }
};
