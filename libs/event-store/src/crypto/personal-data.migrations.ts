// The data keys of crypto-shredding: a table of their own, so erasing a key never touches events.
import type { Migration } from '../postgres/migration-runner.js';

export const personalDataMigrations: readonly Migration[] = [
  {
    id: 'personal-data/0001-data-keys',
    sql: /* sql */ `
      CREATE TABLE pii_data_keys (
        -- Whose key: a lead id.
        subject     text        PRIMARY KEY,
        -- The data key sealed by the master key; NULL once erased (the row stays as a tombstone,
        -- so the subject never gets a new key that would make later writes readable again).
        wrapped_key bytea,
        created_at  timestamptz NOT NULL DEFAULT now(),
        erased_at   timestamptz,
        CONSTRAINT pii_data_keys_erased CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      );
    `,
  },
  {
    id: 'personal-data/0002-master-key-id',
    sql: /* sql */ `
      -- Which master key wraps the data key (master-keys.ts: masterKeyId), so a rotation knows what
      -- it has left and a read tries the right key. NULL: wrapped before this column, or erased.
      ALTER TABLE pii_data_keys ADD COLUMN master_key_id text;
    `,
  },
  {
    // What every process checks at start (missingMasterKeys): the distinct master keys in use, found
    // by stepping through this index, not by reading every row. CONCURRENTLY: key creation, and so
    // appends of new leads, go on while it is built.
    id: 'personal-data/0003-master-key-id-index',
    transaction: false,
    statements: [
      // a build that failed part way leaves an invalid index under this name
      'DROP INDEX CONCURRENTLY IF EXISTS pii_data_keys_master_key_id',
      'CREATE INDEX CONCURRENTLY pii_data_keys_master_key_id ON pii_data_keys (master_key_id) WHERE wrapped_key IS NOT NULL',
    ],
  },
];
