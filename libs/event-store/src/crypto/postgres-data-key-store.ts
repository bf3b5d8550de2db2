// Data keys in PostgreSQL, each wrapped (AES-256-GCM) by a master key from configuration, so the
// table alone reveals nothing. Erasing sets the wrapped key to NULL and keeps the row as the
// subject's tombstone. The old row version stays in WAL and backups until they expire; it is
// still wrapped by the master key of its time.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { rethrowAsStoreError } from '../postgres/connection-errors.js';
import { inTransaction } from '../postgres/in-transaction.js';
import { generateKey, KEY_BYTES, open, seal } from './aes-gcm.js';
import type { DataKeyStore, SubjectKey } from './data-key-store.js';
import { DataKeyUnreadable, masterKeyId } from './master-keys.js';

interface KeyRow {
  readonly subject: string;
  readonly wrapped_key: Buffer | null;
  readonly master_key_id: string | null;
}

const wrapPlace = (subject: string): string => `data-key\n${subject}`;

/** Data keys re-wrapped per transaction by `rewrapAll`: short locks, little lost to a crash. */
const REWRAP_BATCH = 500;

export class PostgresDataKeyStore implements DataKeyStore {
  private readonly current: Buffer;
  private readonly currentId: string;
  /** Every configured master key by its id, the current one included. */
  private readonly byId: ReadonlyMap<string, Buffer>;

  /**
   * @param masterKey wraps new data keys, and what `rewrapAll` re-wraps the others into
   * @param previousMasterKeys still open the data keys they wrapped, until a rotation re-wraps them
   */
  constructor(
    private readonly pool: Pool,
    masterKey: Buffer,
    previousMasterKeys: readonly Buffer[] = [],
  ) {
    for (const key of [masterKey, ...previousMasterKeys]) {
      if (key.length !== KEY_BYTES) throw new RangeError(`a master key must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    this.current = masterKey;
    this.currentId = masterKeyId(masterKey);
    this.byId = new Map([masterKey, ...previousMasterKeys].map((key) => [masterKeyId(key), key]));
  }

  async find(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>> {
    const rows = await this.query('SELECT subject, wrapped_key, master_key_id FROM pii_data_keys WHERE subject = ANY ($1::text[])', [subjects]);
    return this.toKeys(subjects, rows);
  }

  async findOrCreate(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>> {
    const found = await this.find(subjects);
    const missing = [...new Set(subjects.filter((subject) => found.get(subject)?.state === 'absent'))];
    if (missing.length === 0) return found;
    // A concurrent creator may win: DO UPDATE (a no-op) returns the row that is there, theirs or ours.
    const rows = await this.query(
      `INSERT INTO pii_data_keys AS k (subject, wrapped_key, master_key_id)
       SELECT s.subject, s.wrapped_key, $3 FROM unnest($1::text[], $2::bytea[]) AS s(subject, wrapped_key)
       ON CONFLICT (subject) DO UPDATE SET subject = k.subject
       RETURNING k.subject, k.wrapped_key, k.master_key_id`,
      [missing, missing.map((subject) => seal(this.current, generateKey(), wrapPlace(subject))), this.currentId],
    );
    const created = this.toKeys(missing, rows);
    return new Map([...found, ...created]);
  }

  async erase(subject: string): Promise<void> {
    await this.query(
      `INSERT INTO pii_data_keys AS k (subject, wrapped_key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET wrapped_key = NULL, master_key_id = NULL, erased_at = coalesce(k.erased_at, now())`,
      [subject],
    );
  }

  /**
   * Re-wraps every data key not wrapped by the current master key into it, a batch per
   * transaction, in subject order: the data keys themselves stay as they are, so nothing sealed
   * with them changes. Safe to run again after a crash, and beside another run (a row locked by one
   * is re-checked by the other once free, and left alone). Returns how many it re-wrapped.
   */
  async rewrapAll(): Promise<number> {
    let rewrapped = 0;
    let after = '';
    for (;;) {
      const batch = await this.transaction(async (client) => {
        const { rows } = await client.query<KeyRow>(
          `SELECT subject, wrapped_key, master_key_id FROM pii_data_keys
            WHERE subject > $1 AND wrapped_key IS NOT NULL AND master_key_id IS DISTINCT FROM $2
            ORDER BY subject LIMIT $3 FOR UPDATE`,
          [after, this.currentId, REWRAP_BATCH],
        );
        if (rows.length === 0) return null;
        await client.query(
          `UPDATE pii_data_keys AS k SET wrapped_key = r.wrapped_key, master_key_id = $3
             FROM unnest($1::text[], $2::bytea[]) AS r(subject, wrapped_key) WHERE k.subject = r.subject`,
          [rows.map((row) => row.subject), rows.map((row) => seal(this.current, this.unwrap(row), wrapPlace(row.subject))), this.currentId],
        );
        return rows;
      });
      if (batch === null) return rewrapped;
      rewrapped += batch.length;
      after = batch[batch.length - 1].subject;
    }
  }

  /** How many live data keys each master key wraps, by id (null: wrapped before ids were stored). */
  async wrappedBy(): Promise<ReadonlyMap<string | null, number>> {
    const rows = await this.query<{ master_key_id: string | null; keys: number }>(
      'SELECT master_key_id, count(*)::int AS keys FROM pii_data_keys WHERE wrapped_key IS NOT NULL GROUP BY master_key_id ORDER BY master_key_id',
      [],
    );
    return new Map(rows.map((row) => [row.master_key_id, row.keys]));
  }

  /**
   * The master keys some live data key is wrapped by that this store was not given: by id, with how
   * many data keys each wraps; under `null`, the data keys wrapped before ids were stored, when the
   * first of them opens with none of the keys given. Empty when every master key needed is here.
   */
  async missingMasterKeys(): Promise<ReadonlyMap<string | null, number>> {
    // The ids in use one index step each (a loose index scan), then counts for the missing ones only:
    // a start costs the same at a thousand leads and at ten million.
    const [{ ids, unlabelled }] = await this.query<{ ids: string[]; unlabelled: boolean }>(
      `WITH RECURSIVE used(id) AS (
         SELECT min(master_key_id) FROM pii_data_keys WHERE wrapped_key IS NOT NULL
         UNION ALL
         SELECT (SELECT min(master_key_id) FROM pii_data_keys WHERE wrapped_key IS NOT NULL AND master_key_id > used.id)
           FROM used WHERE used.id IS NOT NULL)
       SELECT coalesce(array_agg(id) FILTER (WHERE id IS NOT NULL), '{}') AS ids,
              EXISTS (SELECT 1 FROM pii_data_keys WHERE wrapped_key IS NOT NULL AND master_key_id IS NULL) AS unlabelled
         FROM used`,
      [],
    );
    const unknown: (string | null)[] = ids.filter((id) => !this.byId.has(id));
    if (unlabelled && !(await this.opensUnlabelled())) unknown.push(null);
    if (unknown.length === 0) return new Map();
    const wrapped = await this.wrappedBy();
    return new Map(unknown.map((id) => [id, wrapped.get(id) ?? 0]));
  }

  /** The id of the master key new data keys are wrapped by. */
  get currentMasterKeyId(): string {
    return this.currentId;
  }

  /** Whether the first data key wrapped before ids were stored opens with a key given: they were all wrapped by one. */
  private async opensUnlabelled(): Promise<boolean> {
    const [row] = await this.query('SELECT subject, wrapped_key, master_key_id FROM pii_data_keys WHERE master_key_id IS NULL AND wrapped_key IS NOT NULL LIMIT 1', []);
    try {
      if (row !== undefined) this.unwrap(row);
      return true;
    } catch (error) {
      if (error instanceof DataKeyUnreadable) return false;
      throw error;
    }
  }

  private toKeys(subjects: readonly string[], rows: readonly KeyRow[]): Map<string, SubjectKey> {
    const keys = new Map<string, SubjectKey>(subjects.map((subject) => [subject, { state: 'absent' }]));
    for (const row of rows) keys.set(row.subject, row.wrapped_key === null ? { state: 'erased' } : { state: 'active', key: this.unwrap(row) });
    return keys;
  }

  /** The data key of a live row, opened with the master key that wrapped it. */
  private unwrap(row: KeyRow): Buffer {
    const wrapped = row.wrapped_key as Buffer;
    const place = wrapPlace(row.subject);
    if (row.master_key_id !== null) {
      const master = this.byId.get(row.master_key_id);
      if (master === undefined) throw new DataKeyUnreadable(row.subject, row.master_key_id);
      return open(master, wrapped, place);
    }
    // wrapped before the ids were stored: whichever configured key opens it (GCM tells), the current first
    for (const master of this.byId.values()) {
      try {
        return open(master, wrapped, place);
      } catch {
        // not this one
      }
    }
    throw new DataKeyUnreadable(row.subject, null);
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.pool, work);
    } catch (error) {
      return rethrowAsStoreError(error);
    }
  }

  private async query<Row extends QueryResultRow = KeyRow>(text: string, values: unknown[]): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(text, values)).rows;
    } catch (error) {
      return rethrowAsStoreError(error);
    }
  }
}
