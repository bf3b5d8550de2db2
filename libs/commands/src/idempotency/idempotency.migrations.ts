import type { Migration } from '#event-store';

export const IDEMPOTENCY_MIGRATIONS: readonly Migration[] = [
  {
    id: 'commands/0001-idempotency-keys',
    sql: `
      CREATE TABLE idempotency_keys (
        principal text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        -- null while the first request is still running
        status integer,
        body jsonb,
        locked_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
      );
      CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
    `,
  },
  {
    // Claims are now held by the claiming request's open transaction, which dies with its process:
    // no expiry time to keep.
    id: 'commands/0002-claims-held-by-transactions',
    sql: 'ALTER TABLE idempotency_keys DROP COLUMN locked_until;',
  },
];
