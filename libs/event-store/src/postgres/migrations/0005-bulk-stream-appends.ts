// es_append_streams with one INSERT for the whole call. Event by event (0004), each event cost a
// function call and a statement of its own (~60-90 µs of server time); in one multi-row INSERT the
// same rows cost ~30 µs each. Same arguments, same answers, same guarantees.
import type { Migration } from '../migration-runner.js';

export const bulkStreamAppends: Migration = {
  id: 'event-store/0005-bulk-stream-appends',
  sql: /* sql */ `
    -- One append to one stream, event by event through es_append, all or none, answered as a row
    -- of es_append_streams (0004's loop, unchanged): the way for every append the bulk insert
    -- below cannot take or could not finish.
    CREATE FUNCTION es_append_events(
      p_stream_id text, p_expected bigint,
      p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata text[],
      p_occurred_at timestamptz[],
      OUT status text, OUT revision bigint, OUT tx_id xid8, OUT "position" bigint, OUT stored_in text,
      OUT failed_event_id uuid
    ) LANGUAGE plpgsql AS $$
    DECLARE
      v_expected bigint := p_expected;
      v_first_written bigint;
      v_one record;
    BEGIN
      FOR i IN 1 .. cardinality(p_event_ids) LOOP
        SELECT * INTO v_one FROM es_append(p_stream_id, v_expected, p_event_ids[i], p_types[i],
          p_schema_versions[i], p_data[i], p_metadata[i], p_occurred_at[i]);
        IF v_one.status NOT IN ('written', 'exists') THEN
          -- All or none without a subtransaction: the rows this call wrote to the stream are
          -- still uncommitted, seen by nobody else, and a writer waiting on one of them finds
          -- the revision free once this commits. (After a first write the stream's head is this
          -- transaction's, so only a duplicate id can fail a later event: no 'retry' here.)
          IF v_first_written IS NOT NULL THEN
            DELETE FROM es_events e WHERE e.stream_id = p_stream_id AND e.revision >= v_first_written;
          END IF;
          failed_event_id := p_event_ids[i];
          EXIT;
        END IF;
        IF v_one.status = 'written' AND v_first_written IS NULL THEN
          v_first_written := v_one.revision;
        END IF;
        v_expected := v_one.revision;
      END LOOP;
      status := CASE
        WHEN failed_event_id IS NOT NULL THEN v_one.status
        WHEN v_first_written IS NOT NULL THEN 'written'
        ELSE 'exists' END;
      revision := v_one.revision;
      tx_id := v_one.tx_id;
      "position" := v_one.position;
      stored_in := v_one.stored_in;
    END;
    $$;

    -- Appends p_event_counts[s] events (taken in order from the flat event arrays) to
    -- p_stream_ids[s] with expected revision p_expected[s], for each s, in one transaction; one
    -- row per append, as 0004 answers. The appends whose stream is written once in the call, whose
    -- head matches the expected revision and was not written by a younger transaction (es_append's
    -- 'retry') go in one INSERT, revisions and hash chain computed from the heads read just
    -- before. An append whose rows did not all land (a concurrent writer took the revision, or an
    -- event id is stored already) has its rows deleted and goes event by event like the others,
    -- after the bulk insert, in call order: es_append then answers conflict, exists, duplicate or
    -- retry exactly as before.
    CREATE OR REPLACE FUNCTION es_append_streams(
      p_stream_ids text[], p_expected bigint[], p_event_counts integer[],
      p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata text[],
      p_occurred_at timestamptz[]
    ) RETURNS TABLE (status text, revision bigint, tx_id xid8, "position" bigint, stored_in text, failed_event_id uuid)
    LANGUAGE plpgsql AS $$
    DECLARE
      -- The transaction id before any sequence value (ARCHITECTURE.md, "The event store").
      v_tx xid8 := pg_current_xact_id();
      v_appends integer := cardinality(p_stream_ids);
      v_starts integer[] := array_fill(0, ARRAY[v_appends]);
      -- per append taken by the bulk insert: its stream's head revision before it
      v_heads bigint[] := array_fill(NULL::bigint, ARRAY[v_appends]);
      -- per append fully written by the bulk insert: the position of its last event
      v_last_positions bigint[] := array_fill(NULL::bigint, ARRAY[v_appends]);
      v_start integer := 1;
      v_head record;
      v_hash bytea;
      v_written record;
      v_any_written boolean := false;
      -- the bulk insert's rows, one array per column
      b_streams text[] := '{}'; b_revisions bigint[] := '{}'; b_ids uuid[] := '{}'; b_types text[] := '{}';
      b_versions integer[] := '{}'; b_data text[] := '{}'; b_metadata text[] := '{}';
      b_occurred timestamptz[] := '{}'; b_hashes bytea[] := '{}'; b_previous bytea[] := '{}';
      v_one record;
      s integer;
      i integer;
    BEGIN
      FOR s IN 1 .. v_appends LOOP
        v_starts[s] := v_start;
        v_start := v_start + p_event_counts[s];
      END LOOP;

      FOR v_head IN
        SELECT a.s::integer AS s, coalesce(h.revision, 0) AS revision, h.tx_id AS head_tx_id, h.hash
          FROM (SELECT u.stream_id, u.s, count(*) OVER (PARTITION BY u.stream_id) AS appends
                  FROM unnest(p_stream_ids) WITH ORDINALITY AS u(stream_id, s)) a
          LEFT JOIN LATERAL (SELECT e.revision, e.tx_id, e.hash FROM es_events e
                              WHERE e.stream_id = a.stream_id ORDER BY e.revision DESC LIMIT 1) h ON true
         WHERE a.appends = 1
         ORDER BY a.s
      LOOP
        CONTINUE WHEN v_head.head_tx_id > v_tx
          OR (p_expected[v_head.s] = -1 AND v_head.revision = 0)
          OR (p_expected[v_head.s] >= 0 AND v_head.revision <> p_expected[v_head.s]);
        v_heads[v_head.s] := v_head.revision;
        v_hash := v_head.hash;
        FOR k IN 0 .. p_event_counts[v_head.s] - 1 LOOP
          i := v_starts[v_head.s] + k;
          b_streams := b_streams || p_stream_ids[v_head.s];
          b_revisions := b_revisions || (v_head.revision + 1 + k);
          b_ids := b_ids || p_event_ids[i];
          b_types := b_types || p_types[i];
          b_versions := b_versions || p_schema_versions[i];
          b_data := b_data || p_data[i];
          b_metadata := b_metadata || p_metadata[i];
          b_occurred := b_occurred || p_occurred_at[i];
          b_previous := b_previous || v_hash;
          v_hash := es_event_hash(v_hash, p_stream_ids[v_head.s], v_head.revision + 1 + k, p_event_ids[i], p_types[i],
                                  p_schema_versions[i], p_data[i], p_metadata[i]);
          b_hashes := b_hashes || v_hash;
        END LOOP;
      END LOOP;

      IF cardinality(b_ids) > 0 THEN
        FOR v_written IN
          WITH inserted AS (
            INSERT INTO es_events AS e (position, tx_id, stream_id, revision, event_id, type, schema_version,
                                        data, metadata, occurred_at, hash, previous_hash)
            SELECT nextval('es_events_position_seq'), v_tx, r.stream_id, r.revision, r.event_id, r.type,
                   r.schema_version, r.data::json, r.metadata::json, r.occurred_at, r.hash, r.previous_hash
              FROM unnest(b_streams, b_revisions, b_ids, b_types, b_versions, b_data, b_metadata, b_occurred,
                          b_hashes, b_previous)
                   WITH ORDINALITY AS r(stream_id, revision, event_id, type, schema_version, data, metadata,
                                        occurred_at, hash, previous_hash, n)
             ORDER BY r.n
            -- No conflict target: the primary key (revision taken) and the event id both land here.
            ON CONFLICT DO NOTHING
            RETURNING e.stream_id, e.position
          )
          SELECT inserted.stream_id, count(*) AS events, max(inserted.position) AS last_position
            FROM inserted GROUP BY inserted.stream_id
        LOOP
          s := array_position(p_stream_ids, v_written.stream_id);
          IF v_written.events = p_event_counts[s] THEN
            v_last_positions[s] := v_written.last_position;
            v_any_written := true;
          END IF;
        END LOOP;
      END IF;

      FOR s IN 1 .. v_appends LOOP
        IF v_last_positions[s] IS NOT NULL THEN
          status := 'written';
          revision := v_heads[s] + p_event_counts[s];
          tx_id := v_tx;
          "position" := v_last_positions[s];
          stored_in := NULL;
          failed_event_id := NULL;
          RETURN NEXT;
          CONTINUE;
        END IF;
        IF v_heads[s] IS NOT NULL THEN
          -- Some of its rows landed, not all: none of them stays.
          DELETE FROM es_events e WHERE e.stream_id = p_stream_ids[s] AND e.revision > v_heads[s] AND e.tx_id = v_tx;
        END IF;
        SELECT * INTO v_one FROM es_append_events(p_stream_ids[s], p_expected[s],
          p_event_ids[v_starts[s] : v_starts[s] + p_event_counts[s] - 1],
          p_types[v_starts[s] : v_starts[s] + p_event_counts[s] - 1],
          p_schema_versions[v_starts[s] : v_starts[s] + p_event_counts[s] - 1],
          p_data[v_starts[s] : v_starts[s] + p_event_counts[s] - 1],
          p_metadata[v_starts[s] : v_starts[s] + p_event_counts[s] - 1],
          p_occurred_at[v_starts[s] : v_starts[s] + p_event_counts[s] - 1]);
        status := v_one.status;
        revision := v_one.revision;
        tx_id := v_one.tx_id;
        "position" := v_one.position;
        stored_in := v_one.stored_in;
        failed_event_id := v_one.failed_event_id;
        RETURN NEXT;
      END LOOP;

      -- Wakes subscribers at commit (es_append does the same for what it writes).
      IF v_any_written THEN
        PERFORM pg_notify('es_events', '');
      END IF;
    END;
    $$;
  `,
};
