// Appends wake subscribers, can be coalesced, and keep each stream in revision order across
// transactions. Replaces es_append of 0002 (same arguments and answer).
import type { Migration } from '../migration-runner.js';

export const coalescedAppends: Migration = {
  id: 'event-store/0003-coalesced-appends',
  sql: /* sql */ `
    -- Appends one event. p_expected: NULL = any, -1 = stream_exists, n >= 0 = exact (0 = no_stream).
    -- Answers with a status instead of raising, so a conflict costs no extra round trip and no
    -- subtransaction:
    --   written   revision, tx_id, position of the new event
    --   exists    the same event id is already at this place (idempotent re-append): its place
    --   conflict  revision = the stream's current revision
    --   duplicate the event id is stored elsewhere: stored_in, revision
    --   retry     nothing written: the stream's last event belongs to a transaction younger than
    --             this one, so appending here would deliver the stream out of revision order
    --             (delivery order is by transaction id first). A new transaction will do.
    CREATE OR REPLACE FUNCTION es_append(
      p_stream_id text, p_expected bigint, p_event_id uuid, p_type text, p_schema_version integer,
      p_data text, p_metadata text, p_occurred_at timestamptz,
      OUT status text, OUT revision bigint, OUT tx_id xid8, OUT "position" bigint, OUT stored_in text
    ) LANGUAGE plpgsql AS $$
    DECLARE
      v_head bigint;
      v_head_tx_id xid8;
      v_previous_hash bytea;
      v_stored record;
    BEGIN
      LOOP
        v_head := NULL;
        v_head_tx_id := NULL;
        v_previous_hash := NULL;
        SELECT e.revision, e.tx_id, e.hash INTO v_head, v_head_tx_id, v_previous_hash
          FROM es_events e WHERE e.stream_id = p_stream_id ORDER BY e.revision DESC LIMIT 1;
        v_head := coalesce(v_head, 0);
        -- A transaction that already has its id (an earlier append of a coalesced call, or the
        -- first try of this loop) can be older than the one that wrote the stream's head.
        IF v_head_tx_id > pg_current_xact_id_if_assigned() THEN
          status := 'retry';
          revision := v_head;
          RETURN;
        END IF;
        EXIT WHEN p_expected = -1 AND v_head = 0;
        EXIT WHEN p_expected >= 0 AND v_head <> p_expected;

        -- The transaction id before the sequence value (ARCHITECTURE.md, "The event store").
        tx_id := pg_current_xact_id();
        INSERT INTO es_events AS e (position, tx_id, stream_id, revision, event_id, type, schema_version,
                                    data, metadata, occurred_at, hash, previous_hash)
        VALUES (nextval('es_events_position_seq'), tx_id, p_stream_id, v_head + 1, p_event_id, p_type,
                p_schema_version, p_data::json, p_metadata::json, p_occurred_at,
                es_event_hash(v_previous_hash, p_stream_id, v_head + 1, p_event_id, p_type,
                              p_schema_version, p_data, p_metadata),
                v_previous_hash)
        -- No conflict target: the primary key (revision taken) and the event id both land here.
        ON CONFLICT DO NOTHING
        RETURNING e.position INTO "position";
        IF "position" IS NOT NULL THEN
          -- Wakes subscribers at commit; identical notifications of one transaction fold into one.
          PERFORM pg_notify('es_events', '');
          status := 'written';
          revision := v_head + 1;
          RETURN;
        END IF;
        -- With expected revision "any", a concurrent writer that took the revision is no conflict.
        EXIT WHEN p_expected IS NOT NULL
          OR EXISTS (SELECT 1 FROM es_events e WHERE e.event_id = p_event_id);
      END LOOP;

      SELECT e.stream_id, e.revision, e.tx_id, e.position INTO v_stored
        FROM es_events e WHERE e.event_id = p_event_id;
      IF FOUND THEN
        revision := v_stored.revision;
        tx_id := v_stored.tx_id;
        "position" := v_stored.position;
        stored_in := v_stored.stream_id;
        status := CASE
          WHEN v_stored.stream_id = p_stream_id
               AND (p_expected IS NULL OR p_expected = -1 OR v_stored.revision = p_expected + 1)
          THEN 'exists' ELSE 'duplicate' END;
        RETURN;
      END IF;
      status := 'conflict';
      SELECT coalesce(max(e.revision), 0) INTO revision FROM es_events e WHERE e.stream_id = p_stream_id;
    END;
    $$;

    -- Independent single-event appends, possibly to different streams, in one transaction: the
    -- adapter coalesces concurrent appends into one call. Each answers for itself, as es_append;
    -- a conflict of one leaves the others written.
    CREATE OR REPLACE FUNCTION es_append_each(
      p_stream_ids text[], p_expected bigint[], p_event_ids uuid[], p_types text[],
      p_schema_versions integer[], p_data text[], p_metadata text[], p_occurred_at timestamptz[]
    ) RETURNS TABLE (status text, revision bigint, tx_id xid8, "position" bigint, stored_in text)
    LANGUAGE plpgsql AS $$
    BEGIN
      FOR i IN 1 .. cardinality(p_event_ids) LOOP
        RETURN QUERY SELECT * FROM es_append(p_stream_ids[i], p_expected[i], p_event_ids[i], p_types[i],
          p_schema_versions[i], p_data[i], p_metadata[i], p_occurred_at[i]);
      END LOOP;
    END;
    $$;
  `,
};
