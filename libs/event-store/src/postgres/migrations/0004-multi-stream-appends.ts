// Appends to several streams in one statement: what the coalescer sends (single events of many
// writers, and whole batches such as one fetched Kafka batch), one transaction, one commit.
import type { Migration } from '../migration-runner.js';

export const multiStreamAppends: Migration = {
  id: 'event-store/0004-multi-stream-appends',
  sql: /* sql */ `
    -- Appends p_event_counts[s] events (taken in order from the flat event arrays) to
    -- p_stream_ids[s] with expected revision p_expected[s], for each s, in one transaction. Each
    -- append is all or none and answered by its own row, as es_append answers one event:
    -- 'written' (at least one event new) or 'exists' (all already stored at these places), else the
    -- status of the event that failed, whose id is failed_event_id. Nothing raises for one stream,
    -- so a conflict or a duplicate of one append leaves the others written.
    CREATE FUNCTION es_append_streams(
      p_stream_ids text[], p_expected bigint[], p_event_counts integer[],
      p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata text[],
      p_occurred_at timestamptz[]
    ) RETURNS TABLE (status text, revision bigint, tx_id xid8, "position" bigint, stored_in text, failed_event_id uuid)
    LANGUAGE plpgsql AS $$
    DECLARE
      v_first integer := 1;
      v_expected bigint;
      v_first_written bigint;
      v_one record;
    BEGIN
      FOR s IN 1 .. cardinality(p_stream_ids) LOOP
        v_expected := p_expected[s];
        v_first_written := NULL;
        failed_event_id := NULL;
        FOR i IN v_first .. v_first + p_event_counts[s] - 1 LOOP
          SELECT * INTO v_one FROM es_append(p_stream_ids[s], v_expected, p_event_ids[i], p_types[i],
            p_schema_versions[i], p_data[i], p_metadata[i], p_occurred_at[i]);
          IF v_one.status NOT IN ('written', 'exists') THEN
            -- All or none without a subtransaction: the rows this call wrote to the stream are
            -- still uncommitted, seen by nobody else, and a writer waiting on one of them finds
            -- the revision free once this commits. (After a first write the stream's head is this
            -- transaction's, so only a duplicate id can fail a later event: no 'retry' here.)
            IF v_first_written IS NOT NULL THEN
              DELETE FROM es_events e WHERE e.stream_id = p_stream_ids[s] AND e.revision >= v_first_written;
            END IF;
            failed_event_id := p_event_ids[i];
            EXIT;
          END IF;
          IF v_one.status = 'written' AND v_first_written IS NULL THEN
            v_first_written := v_one.revision;
          END IF;
          v_expected := v_one.revision;
        END LOOP;
        v_first := v_first + p_event_counts[s];
        status := CASE
          WHEN failed_event_id IS NOT NULL THEN v_one.status
          WHEN v_first_written IS NOT NULL THEN 'written'
          ELSE 'exists' END;
        revision := v_one.revision;
        tx_id := v_one.tx_id;
        "position" := v_one.position;
        stored_in := v_one.stored_in;
        RETURN NEXT;
      END LOOP;
    END;
    $$;
  `,
};
