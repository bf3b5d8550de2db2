// The relay's own table: how far each relay has published (its checkpoint in the event store).
import type { Migration } from '#event-store';

export const MESSAGING_MIGRATIONS: readonly Migration[] = [
  {
    id: 'messaging/0001-relay-checkpoints',
    sql: `
      CREATE TABLE messaging_relay_checkpoints (
        name text PRIMARY KEY,
        -- a GlobalPosition of the event store (opaque, sortable)
        position text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
