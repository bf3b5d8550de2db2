// Checks a stream's tamper evidence: revisions without gaps, each event's previous hash equal to
// the hash of the event before it, and each hash equal to the one recomputed from the stored row.
// Reads the rows raw (data and metadata as stored text, before any codec), page by page.
import type { Pool } from 'pg';
import { rethrowAsStoreError } from './connection-errors.js';
import { eventHash } from './event-hash.js';
import { formatPosition } from './global-position.js';

export interface ChainBreak {
  readonly revision: number;
  readonly eventId: string;
  readonly position: string;
  readonly reason: 'revision_gap' | 'previous_hash_mismatch' | 'hash_mismatch';
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
                hash, previous_hash
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
  return null;
};
