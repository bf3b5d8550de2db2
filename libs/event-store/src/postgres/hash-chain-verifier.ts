// Checks a stream's tamper evidence: revisions without gaps, each event's previous hash equal to
// the hash of the event before it, each hash equal to the one recomputed from the stored row, and
// each column that reads filter on but the hash does not cover equal to what the hash does cover.
// Reads the rows raw (data and metadata as stored text, before any codec), page by page.
//
// What the hash covers: stream id, revision, event id, type, schema version, data and metadata.
// What it does not, and how each is held:
//   - occurred_at (the as-of reads filter on it): a copy of metadata.occurredAt, compared with it here.
//   - recorded_at, position and tx_id: given by the store when the row is written, with nothing
//     hashed to compare them with. Changing them moves an event in the global order or its recorded
//     time and goes unnoticed here.
// What it cannot see: events deleted from the end of a stream. The chain runs from the first event
// forward and nothing in the store anchors a stream's head (the head is the highest revision left,
// for the append functions too; a streams table keeping it was measured and left out, see
// ARCHITECTURE.md), so a stream cut short verifies as valid with fewer events. The verdict's
// headHash is there to compare with a copy of the head kept outside the database.
import type { Pool } from 'pg';
import { rethrowAsStoreError } from './connection-errors.js';
import { eventHash } from './event-hash.js';
import { formatPosition } from './global-position.js';

export interface ChainBreak {
  readonly revision: number;
  readonly eventId: string;
  readonly position: string;
  readonly reason: 'revision_gap' | 'previous_hash_mismatch' | 'hash_mismatch' | 'occurred_at_mismatch';
  readonly detail: string;
}

export interface ChainVerdict {
  readonly streamId: string;
  readonly valid: boolean;
  /** Events checked: the whole stream when valid, up to and including the broken one otherwise. */
  readonly eventsChecked: number;
  /** The hash of the last event when valid (the stream's head, to compare with a copy kept elsewhere). */
  readonly headHash: string | null;
  /** The first broken event, when not valid. */
  readonly broken: ChainBreak | null;
}

interface RawRow {
  readonly tx_id: string;
  readonly position: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  /** occurred_at in microseconds since the epoch, exact (as text: pg gives bigint as text). */
  readonly occurred_at_us: string;
  readonly hash: Buffer;
  readonly previous_hash: Buffer | null;
}

const PAGE_SIZE = 500;

export class PostgresHashChainVerifier {
  constructor(private readonly pool: Pool) {}

  async verify(streamId: string): Promise<ChainVerdict> {
    let previous: Buffer | null = null;
    let checked = 0;
    let after = 0;
    for (;;) {
      const rows = await this.page(streamId, after);
      for (const row of rows) {
        checked++;
        const broken = check(streamId, row, checked, previous);
        if (broken) return { streamId, valid: false, eventsChecked: checked, headHash: null, broken };
        previous = row.hash;
      }
      if (rows.length < PAGE_SIZE) break;
      after = Number(rows[rows.length - 1].revision);
    }
    return { streamId, valid: true, eventsChecked: checked, headHash: previous?.toString('hex') ?? null, broken: null };
  }

  private async page(streamId: string, afterRevision: number): Promise<RawRow[]> {
    try {
      const { rows } = await this.pool.query<RawRow>(
        `SELECT tx_id, position, revision, event_id, type, schema_version, data::text AS data, metadata::text AS metadata,
                (extract(epoch FROM occurred_at) * 1000000)::bigint AS occurred_at_us, hash, previous_hash
           FROM es_events WHERE stream_id = $1 AND revision > $2 ORDER BY revision LIMIT $3`,
        [streamId, afterRevision, PAGE_SIZE],
      );
      return rows;
    } catch (error) {
      return rethrowAsStoreError(error);
    }
  }
}

const check = (streamId: string, row: RawRow, expectedRevision: number, previous: Buffer | null): ChainBreak | null => {
  const revision = Number(row.revision);
  const at = { revision, eventId: row.event_id, position: formatPosition(row.tx_id, row.position) };
  if (revision !== expectedRevision) {
    return { ...at, reason: 'revision_gap', detail: `expected revision ${expectedRevision}, found ${revision}: events are missing before it` };
  }
  const linked = previous === null ? row.previous_hash === null : row.previous_hash?.equals(previous) === true;
  if (!linked) {
    return { ...at, reason: 'previous_hash_mismatch', detail: `its previous hash is not the hash of revision ${revision - 1}` };
  }
  const recomputed = eventHash({
    previousHash: row.previous_hash, streamId, revision, eventId: row.event_id, type: row.type,
    schemaVersion: row.schema_version, data: row.data, metadata: row.metadata,
  });
  if (!recomputed.equals(row.hash)) {
    return { ...at, reason: 'hash_mismatch', detail: 'its stored hash differs from the hash of its stored fields: the row was altered after it was written' };
  }
  if (!occurredAtAgrees(row)) {
    return { ...at, reason: 'occurred_at_mismatch', detail: 'its occurred_at column differs from the hashed metadata.occurredAt: as-of reads would place it at another time' };
  }
  return null;
};

/**
 * The column against the hashed metadata, within a millisecond: the append copies one into the
 * other, and Date.parse reads no finer (it drops a writer's microseconds, PostgreSQL rounds them).
 * Run after the hash check, so the metadata is as written, and the append checked it parses.
 */
const occurredAtAgrees = (row: RawRow): boolean => {
  const hashed = Date.parse((JSON.parse(row.metadata) as { occurredAt: string }).occurredAt);
  return Math.abs(Number(row.occurred_at_us) - hashed * 1000) <= 1000;
};
