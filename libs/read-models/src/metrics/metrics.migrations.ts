// Indexes the metrics API reads the funnel tables by: every metric query is restricted to its
// period through one of these (or an index of 0002-funnel), so its cost follows the rows of the
// period asked for, not the history stored.
import type { Migration } from '#event-store';

/**
 * An opportunity's open interval [entered, ended). An end before the start (events whose occurred
 * times disagree) becomes an empty interval rather than an error that would stop the projector.
 */
export const OPPORTUNITY_OPEN_DURING = `tstzrange(entered_at, CASE WHEN ended_at IS NULL THEN NULL ELSE GREATEST(ended_at, entered_at) END, '[)')`;

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
];
