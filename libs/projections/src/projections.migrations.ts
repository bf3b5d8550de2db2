import type { Migration } from '#event-store';

export const PROJECTIONS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'projections/0001-checkpoints',
    sql: `
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        -- the global position of the last event applied (the store's opaque, sortable string)
        position text NOT NULL,
        -- when the store recorded that event: lag in seconds is measured from the next one
        event_recorded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
