// The events table, its delivery-order index and the hash of an event's stored form.
import type { Migration } from '../migration-runner.js';

export const eventsTable: Migration = {
  id: 'event-store/0001-events',
  sql: /* sql */ `
    CREATE SEQUENCE es_events_position_seq AS bigint;

    CREATE TABLE es_events (
      -- Delivery order is (tx_id, position): position alone is not monotone in commit order.
      position       bigint      NOT NULL,
      tx_id          xid8        NOT NULL,
      stream_id      text        NOT NULL,
      revision       bigint      NOT NULL CHECK (revision > 0),
      event_id       uuid        NOT NULL,
      type           text        NOT NULL,
      schema_version integer     NOT NULL,
      -- json, not jsonb: the text is kept byte for byte, so the hash over it can be recomputed.
      data           json        NOT NULL,
      metadata       json        NOT NULL,
      -- Copied from metadata.occurredAt for as-of reads.
      occurred_at    timestamptz NOT NULL,
      recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
      hash           bytea       NOT NULL,
      previous_hash  bytea,
      -- The primary key is the optimistic concurrency check: two appends cannot take one revision.
      CONSTRAINT es_events_pkey PRIMARY KEY (stream_id, revision),
      CONSTRAINT es_events_event_id_key UNIQUE (event_id)
    );
    ALTER SEQUENCE es_events_position_seq OWNED BY es_events.position;

    CREATE INDEX es_events_delivery_order ON es_events (tx_id, position);

    -- sha256 over length-prefixed fields (fixed-width integers need no prefix), chained to the
    -- previous event of the stream. Without the prefixes ("ab","c") and ("a","bc") would hash alike.
    -- libs/event-store/src/postgres/event-hash.ts computes the same bytes in TypeScript.
    CREATE FUNCTION es_length_prefixed(p_bytes bytea) RETURNS bytea
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT int4send(octet_length(p_bytes)) || p_bytes $$;

    CREATE FUNCTION es_event_hash(
      p_previous_hash bytea, p_stream_id text, p_revision bigint, p_event_id uuid, p_type text,
      p_schema_version integer, p_data text, p_metadata text
    ) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT sha256(
        es_length_prefixed(coalesce(p_previous_hash, ''::bytea))
        || es_length_prefixed(convert_to(p_stream_id, 'UTF8'))
        || int8send(p_revision)
        || uuid_send(p_event_id)
        || es_length_prefixed(convert_to(p_type, 'UTF8'))
        || int4send(p_schema_version)
        || es_length_prefixed(convert_to(p_data, 'UTF8'))
        || es_length_prefixed(convert_to(p_metadata, 'UTF8'))
      )
    $$;
  `,
};
