// The read side's tables. Every column is derived from events (event times, positions), never from
// a clock, so a rebuild produces the very same rows. Names start with rm_ (read model) or pm_
// (process-manager state).
import type { Migration } from '#event-store';

export const READ_MODELS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'read-models/0001-leads',
    sql: `
      CREATE TABLE rm_leads (
        lead_id uuid PRIMARY KEY,
        email text,
        stage text NOT NULL,
        status text NOT NULL,
        owner_id text,
        source text,
        campaign_id text,
        nurture_track text,
        -- the score right after the lead's last scoring event (the served score is computed for "now")
        score float8,
        score_fit float8,
        score_behaviour float8,
        -- no later "now" can score higher: fit plus the positive behaviour lines, which only decay
        score_ceiling float8,
        score_model_version text,
        scored_at timestamptz,
        revision integer NOT NULL,
        position text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        view jsonb NOT NULL
      );
      CREATE INDEX rm_leads_order ON rm_leads (created_at DESC, lead_id DESC);
      CREATE INDEX rm_leads_stage ON rm_leads (stage, created_at DESC, lead_id DESC);
      CREATE INDEX rm_leads_owner ON rm_leads (owner_id, created_at DESC, lead_id DESC);
      CREATE INDEX rm_leads_source ON rm_leads (source, created_at DESC, lead_id DESC);
      CREATE INDEX rm_leads_campaign ON rm_leads (campaign_id, created_at DESC, lead_id DESC);

      -- The events a score is computed from (captures, updates, engagements, erasures), per lead.
      CREATE TABLE rm_lead_facts (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        event jsonb NOT NULL,
        PRIMARY KEY (lead_id, revision)
      );

      CREATE TABLE rm_score_history (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        model_version text NOT NULL,
        at timestamptz NOT NULL,
        event_type text NOT NULL,
        before float8 NOT NULL,
        score float8 NOT NULL,
        fit float8 NOT NULL,
        behaviour float8 NOT NULL,
        delta float8 NOT NULL,
        changes jsonb NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (lead_id, revision)
      );

      CREATE TABLE rm_buying_signals (
        event_id uuid PRIMARY KEY,
        owner_id text NOT NULL,
        lead_id uuid NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        score_change float8 NOT NULL,
        score float8 NOT NULL
      );
      CREATE INDEX rm_buying_signals_feed ON rm_buying_signals (owner_id, at DESC, event_id);
    `,
  },
  {
    id: 'read-models/0002-funnel',
    sql: `
      -- One row per lead: what the funnel metrics filter and group leads by.
      CREATE TABLE rm_funnel_leads (
        lead_id uuid PRIMARY KEY,
        source text,
        campaign_id text,
        owner_id text,
        nurture_track text,
        stage text NOT NULL,
        status text NOT NULL,
        captured_at timestamptz NOT NULL,
        won_at timestamptz,
        -- the lead's folded state (the domain's evolve), from which the other funnel rows are derived
        state jsonb NOT NULL
      );
      CREATE INDEX rm_funnel_leads_source ON rm_funnel_leads (source);

      -- Every stage entry (backward moves included) with its exit, per lead.
      CREATE TABLE rm_stage_entries (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        stage text NOT NULL,
        entered_at timestamptz NOT NULL,
        exited_at timestamptz,
        nurture_track text,
        PRIMARY KEY (lead_id, revision)
      );
      CREATE INDEX rm_stage_entries_stage ON rm_stage_entries (stage, entered_at);

      -- Entries per UTC day, stage and dimension ('' = none), for period counts without scanning leads.
      CREATE TABLE rm_daily_stage_counts (
        day date NOT NULL,
        stage text NOT NULL,
        source text NOT NULL,
        campaign_id text NOT NULL,
        owner_id text NOT NULL,
        nurture_track text NOT NULL,
        entries integer NOT NULL,
        PRIMARY KEY (day, stage, source, campaign_id, owner_id, nurture_track)
      );

      -- One row per opportunity (SalesQualified), its deal-stage path and how it ended.
      CREATE TABLE rm_opportunities (
        lead_id uuid NOT NULL,
        opened_revision integer NOT NULL,
        pipeline text NOT NULL,
        entered_at timestamptz NOT NULL,
        deal_stages jsonb NOT NULL,
        deal_stage text NOT NULL,
        amount_value bigint NOT NULL,
        amount_currency text NOT NULL,
        expected_close_date date NOT NULL,
        owner_id text,
        -- open, won, lost, or recycled (returned to nurturing without a close)
        state text NOT NULL,
        ended_at timestamptz,
        PRIMARY KEY (lead_id, opened_revision)
      );
      CREATE INDEX rm_opportunities_state ON rm_opportunities (state, expected_close_date);

      CREATE TABLE rm_deal_stage_moves (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        pipeline text NOT NULL,
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (lead_id, revision)
      );

      CREATE TABLE rm_closed_deals (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        outcome text NOT NULL,
        closed_at timestamptz NOT NULL,
        amount_value bigint,
        amount_currency text,
        term_months integer,
        owner_id text,
        source text,
        campaign_id text,
        pipeline text NOT NULL,
        deal_stage text NOT NULL,
        lost_reason text,
        products jsonb NOT NULL,
        PRIMARY KEY (lead_id, revision)
      );
      CREATE INDEX rm_closed_deals_closed_at ON rm_closed_deals (closed_at);

      CREATE TABLE rm_expansions (
        lead_id uuid NOT NULL,
        revision integer NOT NULL,
        kind text NOT NULL,
        recorded_at timestamptz NOT NULL,
        products jsonb NOT NULL,
        amount_value bigint NOT NULL,
        amount_currency text NOT NULL,
        key_account boolean NOT NULL,
        PRIMARY KEY (lead_id, revision)
      );
      CREATE INDEX rm_expansions_recorded_at ON rm_expansions (recorded_at);

      -- The latest target per period and owner ('' = the whole team).
      CREATE TABLE rm_sales_targets (
        period text NOT NULL,
        owner_key text NOT NULL,
        owner_id text,
        amount_value bigint NOT NULL,
        amount_currency text NOT NULL,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (period, owner_key)
      );

      CREATE TABLE rm_campaign_costs (
        event_id uuid PRIMARY KEY,
        campaign_id text NOT NULL,
        period text NOT NULL,
        amount_value bigint NOT NULL,
        amount_currency text NOT NULL,
        recorded_at timestamptz NOT NULL
      );
      CREATE INDEX rm_campaign_costs_period ON rm_campaign_costs (period, campaign_id);
    `,
  },
  {
    id: 'read-models/0003-routing-cursors',
    sql: `
      -- Round-robin position per routing rule of the auto-accept process manager.
      CREATE TABLE pm_routing_cursors (
        rule_key text PRIMARY KEY,
        next_index integer NOT NULL
      );
    `,
  },
  {
    // The documents the projections store and read back whole (never queried inside by SQL) as json
    // text rather than jsonb: a batch's rows reach PostgreSQL as one JSON document, and building each
    // nested document into jsonb (parsed, keys sorted) and printing it back out cost the server
    // more than the rest of the row. json is kept as sent and returned as stored.
    id: 'read-models/0004-documents-as-json',
    sql: `
      ALTER TABLE rm_leads ALTER COLUMN view TYPE json USING view::json;
      ALTER TABLE rm_lead_facts ALTER COLUMN event TYPE json USING event::json;
      ALTER TABLE rm_score_history ALTER COLUMN changes TYPE json USING changes::json;
      ALTER TABLE rm_funnel_leads ALTER COLUMN state TYPE json USING state::json;
      ALTER TABLE rm_opportunities ALTER COLUMN deal_stages TYPE json USING deal_stages::json;
      ALTER TABLE rm_closed_deals ALTER COLUMN products TYPE json USING products::json;
      ALTER TABLE rm_expansions ALTER COLUMN products TYPE json USING products::json;
    `,
  },
];
