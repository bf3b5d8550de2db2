// Indexes the metrics API reads the funnel tables by: every metric query is restricted to its
// period through one of these (or an index of 0002-funnel), so its cost follows the rows of the
// period asked for, not the history stored. And the funnel tables added for the metrics: nurture
// track changes, and the open pipeline kept as changes summed per day, month and year.
import type { Migration } from '#event-store';

/**
 * An opportunity's open interval [entered, ended). An end before the start (events whose occurred
 * times disagree) becomes an empty interval rather than an error that would stop the projector.
 * Only migration 0001 uses it (0002 drops that index); kept as written there.
 */
const OPPORTUNITY_OPEN_DURING = `tstzrange(entered_at, CASE WHEN ended_at IS NULL THEN NULL ELSE GREATEST(ended_at, entered_at) END, '[)')`;

export const METRICS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'read-models/metrics/0001-period-indexes',
    sql: `
      -- stays that ended in a period (time in stage)
      CREATE INDEX rm_stage_entries_exited ON rm_stage_entries (exited_at) WHERE exited_at IS NOT NULL;
      -- current stays, oldest first (stalled leads)
      CREATE INDEX rm_stage_entries_current ON rm_stage_entries (entered_at, lead_id) WHERE exited_at IS NULL;
      -- leads won in a period (sales cycle, period-mode conversions)
      CREATE INDEX rm_funnel_leads_won ON rm_funnel_leads (won_at) WHERE won_at IS NOT NULL;
      -- the source of a campaign's leads (lead ROI)
      CREATE INDEX rm_funnel_leads_campaign_captured ON rm_funnel_leads (campaign_id, captured_at);
      -- opportunities that entered the pipeline in a period (deal-stage funnel)
      CREATE INDEX rm_opportunities_entered ON rm_opportunities (entered_at);
      -- opportunities open at an instant (velocity of a past period)
      CREATE INDEX rm_opportunities_open_during ON rm_opportunities USING gist ((${OPPORTUNITY_OPEN_DURING}));
    `,
  },
  {
    // Tables of the funnel projection: filled for past events by a rebuild of it (`npm run rebuild -- funnel`).
    id: 'read-models/metrics/0002-track-changes-and-open-pipeline',
    sql: `
      -- Moves onto another nurture track while the lead stays in nurturing (no stage entry).
      CREATE TABLE rm_nurture_track_changes (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        track text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (lead_id, revision)
      );
      CREATE INDEX rm_nurture_track_changes_changed_at ON rm_nurture_track_changes (changed_at);

      -- Every change to the open pipeline: an opportunity opened (+1) or ended (-1), its amount changed
      -- (0), or it moved to another owner (-1 and +1), with the lead's dimensions then ('' = none).
      CREATE TABLE rm_open_pipeline_changes (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        part smallint NOT NULL,
        changed_at timestamptz NOT NULL,
        currency text NOT NULL,
        owner_id text NOT NULL,
        source text NOT NULL,
        campaign_id text NOT NULL,
        nurture_track text NOT NULL,
        opened integer NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (lead_id, revision, part)
      );
      CREATE INDEX rm_open_pipeline_changes_changed_at ON rm_open_pipeline_changes (changed_at);

      -- Those changes summed per UTC day, month and year (grain, starting on starts), per currency, for
      -- all leads (dimension 'all', value '') and per value of each filter dimension: the pipeline open
      -- at an instant is the sum of the years before it, the months of its year before it, the days
      -- of its month before it and the changes of its own day up to it.
      CREATE TABLE rm_open_pipeline_sums (
        grain text NOT NULL CHECK (grain IN ('day', 'month', 'year')),
        dimension text NOT NULL CHECK (dimension IN ('all', 'owner', 'source', 'campaign', 'track')),
        dimension_value text NOT NULL,
        starts date NOT NULL,
        currency text NOT NULL,
        opened integer NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (grain, dimension, dimension_value, starts, currency)
      );

      -- velocity counts open opportunities from rm_open_pipeline_sums now: nothing reads this any more
      DROP INDEX rm_opportunities_open_during;
    `,
  },
];
