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
];
