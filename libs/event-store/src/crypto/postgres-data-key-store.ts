// Data keys in PostgreSQL, each wrapped (AES-256-GCM) by the master key from configuration, so the
// table alone reveals nothing. Erasing sets the wrapped key to NULL and keeps the row as the
// subject's tombstone. The old row version stays in WAL and backups until they expire; it is
// still wrapped by the master key.
import type { Pool } from 'pg';
import { rethrowAsStoreError } from '../postgres/connection-errors.js';
import { generateKey, KEY_BYTES, open, seal } from './aes-gcm.js';
import type { DataKeyStore, SubjectKey } from './data-key-store.js';

interface KeyRow {
  readonly subject: string;
  readonly wrapped_key: Buffer | null;
}

const wrapPlace = (subject: string): string => `data-key\n${subject}`;

export class PostgresDataKeyStore implements DataKeyStore {
  constructor(
    private readonly pool: Pool,
    private readonly masterKey: Buffer,
  ) {
    if (masterKey.length !== KEY_BYTES) throw new RangeError(`the master key must be ${KEY_BYTES} bytes, got ${masterKey.length}`);
  }

  async find(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>> {
    const rows = await this.query('SELECT subject, wrapped_key FROM pii_data_keys WHERE subject = ANY ($1::text[])', [subjects]);
    return this.toKeys(subjects, rows);
  }

  async findOrCreate(subjects: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>> {
    const found = await this.find(subjects);
    const missing = [...new Set(subjects.filter((subject) => found.get(subject)?.state === 'absent'))];
    if (missing.length === 0) return found;
    // A concurrent creator may win: DO UPDATE (a no-op) returns the row that is there, theirs or ours.
    const rows = await this.query(
      `INSERT INTO pii_data_keys AS k (subject, wrapped_key)
       SELECT * FROM unnest($1::text[], $2::bytea[])
       ON CONFLICT (subject) DO UPDATE SET subject = k.subject
       RETURNING k.subject, k.wrapped_key`,
      [missing, missing.map((subject) => seal(this.masterKey, generateKey(), wrapPlace(subject)))],
    );
    const created = this.toKeys(missing, rows);
    return new Map([...found, ...created]);
  }

  async erase(subject: string): Promise<void> {
    await this.query(
      `INSERT INTO pii_data_keys AS k (subject, wrapped_key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET wrapped_key = NULL, erased_at = coalesce(k.erased_at, now())`,
      [subject],
    );
  }

  private toKeys(subjects: readonly string[], rows: readonly KeyRow[]): Map<string, SubjectKey> {
    const keys = new Map<string, SubjectKey>(subjects.map((subject) => [subject, { state: 'absent' }]));
    for (const row of rows) {
      keys.set(row.subject, row.wrapped_key === null
        ? { state: 'erased' }
        : { state: 'active', key: open(this.masterKey, row.wrapped_key, wrapPlace(row.subject)) });
    }
    return keys;
  }

  private async query(text: string, values: unknown[]): Promise<KeyRow[]> {
    try {
      return (await this.pool.query<KeyRow>(text, values)).rows;
    } catch (error) {
      return rethrowAsStoreError(error);
    }
  }
}
