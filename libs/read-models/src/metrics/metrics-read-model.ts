// The records of the domain's `metrics` formulas, read from the funnel tables for one requested
// window only: every query is restricted to the window through an index (metrics.migrations.ts), so
// a metric's cost follows the rows of the period asked for, not the events stored. All reads of one
// answer happen in one REPEATABLE READ snapshot together with the checkpoint they are reported at.
import { Injectable } from '@nestjs/common';
import type { LeadStatus, LifecycleStage, LostReason, metrics, Pipeline, ProductLine, SourceChannel } from '#domain';
import type { QueryRunner } from 'typeorm';
import { FUNNEL_PROJECTION, type FunnelFilter } from '../funnel/funnel-read-model.js';
import { ReadDatabase } from '../read-database.js';
import { OPEN_PIPELINE_DIMENSIONS, type OpenPipeline } from './open-pipeline.js';

/**
 * Which leads' journeys a metric needs: those with a stage entry, a finished stay or a win in the
 * window; or a start on a nurture track (an entry into nurturing or a track change), whose journeys
 * come with their track changes.
 */
export type JourneySelection =
  | { readonly kind: 'entered'; readonly stages: readonly LifecycleStage[] }
  | { readonly kind: 'nurtured' }
  | { readonly kind: 'exited' }
  | { readonly kind: 'won' };

export interface OpportunityRecord extends metrics.OpportunityPath {
  readonly pipeline: string;
}

export interface DealQuery {
  readonly filter: FunnelFilter;
  /** Only deals of this pipeline. */
  readonly pipeline?: string;
}

export interface CampaignCostSum {
  readonly period: string;
  readonly campaignId: string;
  readonly amount: { readonly value: number; readonly currency: string };
}

/** Positional parameters of one statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Filter conditions over the lead row `l` (dimensions as they are now), except those named in
 * `own`, which a fact row carries itself as it was then (a deal's owner is the rep who closed it).
 */
const filterSql = (
  filter: FunnelFilter, params: Params, own: Partial<Record<keyof FunnelFilter, string>> = {},
): string => {
  const columns: Record<keyof FunnelFilter, string> = {
    source: own.source ?? 'l.source', campaignId: own.campaignId ?? 'l.campaign_id',
    ownerId: own.ownerId ?? 'l.owner_id', track: own.track ?? 'l.nurture_track',
  };
  return (Object.keys(columns) as (keyof FunnelFilter)[])
    .filter((key) => filter[key] !== undefined)
    .map((key) => ` AND ${columns[key]} = ${params.add(filter[key])}`)
    .join('');
};

const iso = (value: Date): string => value.toISOString();
const minor = (value: string | number): number => Number(value);

interface JourneyRow {
  lead_id: string; status: LeadStatus; won_at: Date | null; source: SourceChannel | null; owner_id: string | null;
  stage: LifecycleStage; entered_at: Date; nurture_track: string | null;
}

/** Rows ordered by lead and revision, folded into one journey per lead. */
const journeysOf = (rows: readonly JourneyRow[]): metrics.LeadJourney[] => {
  const journeys = new Map<string, metrics.LeadJourney & { entries: metrics.StageEntry[] }>();
  for (const row of rows) {
    let journey = journeys.get(row.lead_id);
    if (journey === undefined) {
      journey = {
        leadId: row.lead_id, entries: [], status: row.status,
        ...(row.won_at !== null && { wonAt: iso(row.won_at) }),
        ...(row.source !== null && { source: row.source }),
        ...(row.owner_id !== null && { ownerId: row.owner_id }),
      };
      journeys.set(row.lead_id, journey);
    }
    journey.entries.push({ stage: row.stage, at: iso(row.entered_at), ...(row.nurture_track !== null && { track: row.nurture_track }) });
  }
  return [...journeys.values()];
};

const probabilityOf = (pipelines: readonly Pipeline[], pipeline: string, dealStage: string): number =>
  pipelines.find((p) => p.id === pipeline)?.stages.find((s) => s.name === dealStage)?.probability ?? 0;

export class MetricsSnapshot {
  constructor(private readonly runner: QueryRunner) {}

  private query<T>(sql: string, params: Params): Promise<T[]> {
    return this.runner.query(sql, params.values) as Promise<T[]>;
  }

  /** The funnel projection's checkpoint: the global position every record here reflects. */
  async computedUpTo(): Promise<string> {
    const rows = await this.query<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = $1', withValues(FUNNEL_PROJECTION));
    return rows[0]?.position ?? '0';
  }

  /** The whole journeys (every stage entry) of the leads the selection picks in [from, to). */
  async journeys(selection: JourneySelection, window: metrics.Period, filter: FunnelFilter): Promise<metrics.LeadJourney[]> {
    const params = new Params();
    const from = params.add(window.from);
    const to = params.add(window.to);
    const entered = (stages: readonly LifecycleStage[]): string =>
      `SELECT lead_id FROM rm_stage_entries WHERE stage = ANY(${params.add(stages)}::text[]) AND entered_at >= ${from} AND entered_at < ${to}`;
    let picked: string;
    switch (selection.kind) {
      case 'entered': picked = `SELECT DISTINCT lead_id FROM (${entered(selection.stages)}) e`; break;
      case 'nurtured': picked = `${entered(['nurturing'])} UNION SELECT lead_id FROM rm_nurture_track_changes WHERE changed_at >= ${from} AND changed_at < ${to}`; break;
      case 'exited': picked = `SELECT DISTINCT lead_id FROM rm_stage_entries WHERE exited_at >= ${from} AND exited_at < ${to}`; break;
      case 'won': picked = `SELECT lead_id FROM rm_funnel_leads WHERE won_at >= ${from} AND won_at < ${to}`; break;
    }
    const rows = await this.query<JourneyRow>(
      `WITH picked AS (${picked})
       SELECT l.lead_id, l.status, l.won_at, l.source, l.owner_id, e.stage, e.entered_at, e.nurture_track
         FROM picked p JOIN rm_funnel_leads l ON l.lead_id = p.lead_id JOIN rm_stage_entries e ON e.lead_id = p.lead_id
        WHERE true${filterSql(filter, params)}
        ORDER BY l.lead_id, e.revision`,
      params,
    );
    const journeys = journeysOf(rows);
    return selection.kind === 'nurtured' ? this.withTrackChanges(journeys) : journeys;
  }

  private async withTrackChanges(journeys: readonly metrics.LeadJourney[]): Promise<metrics.LeadJourney[]> {
    const rows = await this.query<{ lead_id: string; track: string; changed_at: Date }>(
      `SELECT lead_id, track, changed_at FROM rm_nurture_track_changes WHERE lead_id = ANY($1::uuid[]) ORDER BY lead_id, revision`,
      withValues(journeys.map((journey) => journey.leadId)),
    );
    const byLead = new Map<string, metrics.NurtureTrackChange[]>();
    for (const row of rows) byLead.set(row.lead_id, [...(byLead.get(row.lead_id) ?? []), { track: row.track, at: iso(row.changed_at) }]);
    return journeys.map((journey) => {
      const trackChanges = byLead.get(journey.leadId);
      return trackChanges === undefined ? journey : { ...journey, trackChanges };
    });
  }

  /**
   * Active leads sitting in one of `stages` since before `enteredBefore`, oldest first, at most
   * `limit`: journeys holding only their current entry, which is all `stalledLeads` looks at.
   */
  async currentStays(
    stages: readonly LifecycleStage[], enteredBefore: string, limit: number, filter: FunnelFilter,
  ): Promise<metrics.LeadJourney[]> {
    const params = new Params();
    const rows = await this.query<JourneyRow>(
      `SELECT l.lead_id, l.status, NULL::timestamptz AS won_at, l.source, l.owner_id, e.stage, e.entered_at, e.nurture_track
         FROM rm_stage_entries e JOIN rm_funnel_leads l ON l.lead_id = e.lead_id
        WHERE e.exited_at IS NULL AND e.entered_at < ${params.add(enteredBefore)} AND e.stage = ANY(${params.add(stages)}::text[])
          AND l.status = 'active'${filterSql(filter, params)}
        ORDER BY e.entered_at, e.lead_id LIMIT ${params.add(limit)}`,
      params,
    );
    return journeysOf(rows);
  }

  /** Deals closed in [from, to), won and lost; owner, source and campaign as they were at the close. */
  async closedDeals(window: metrics.Period, { filter, pipeline }: DealQuery): Promise<metrics.ClosedDeal[]> {
    const params = new Params();
    const rows = await this.query<{
      lead_id: string; outcome: 'won' | 'lost'; closed_at: Date; amount_value: string | null; amount_currency: string | null;
      term_months: number | null; owner_id: string | null; source: SourceChannel | null; deal_stage: string;
      lost_reason: LostReason | null; products: ProductLine[];
    }>(
      `SELECT d.lead_id, d.outcome, d.closed_at, d.amount_value, d.amount_currency, d.term_months, d.owner_id, d.source,
              d.deal_stage, d.lost_reason, d.products
         FROM rm_closed_deals d LEFT JOIN rm_funnel_leads l ON l.lead_id = d.lead_id
        WHERE d.closed_at >= ${params.add(window.from)} AND d.closed_at < ${params.add(window.to)}
              ${pipeline === undefined ? '' : `AND d.pipeline = ${params.add(pipeline)}`}
              ${filterSql(filter, params, { source: 'd.source', campaignId: 'd.campaign_id', ownerId: 'd.owner_id' })}
        ORDER BY d.closed_at, d.lead_id, d.revision`,
      params,
    );
    return rows.map((deal) => ({
      leadId: deal.lead_id,
      outcome: deal.outcome,
      closedAt: iso(deal.closed_at),
      amount: deal.amount_value === null || deal.amount_currency === null ? null : { value: minor(deal.amount_value), currency: deal.amount_currency },
      ...(deal.term_months !== null && { termMonths: deal.term_months }),
      ...(deal.owner_id !== null && { ownerId: deal.owner_id }),
      ...(deal.source !== null && { source: deal.source }),
      dealStage: deal.deal_stage,
      ...(deal.lost_reason !== null && { lostReason: deal.lost_reason }),
      products: deal.products,
    }));
  }

  /**
   * The open pipeline per currency at each of `instants` (opportunities opened at or before it and not
   * ended by then, with their amounts then), from the sums the funnel projection keeps: per instant,
   * the years before its own, the months of its year before its month, the days of its month before
   * its day, and the changes of its UTC day up to it. So the rows read follow the calendar, not the
   * history. Owner, source, campaign and track are as they were while the opportunity was open; two
   * or more of them at once have no sums and are added up from every change before the instant.
   */
  async openPipelineAt(instants: readonly string[], filter: FunnelFilter): Promise<Map<string, Map<string, OpenPipeline>>> {
    const params = new Params();
    const asked = (Object.keys(OPEN_PIPELINE_DIMENSIONS) as (keyof FunnelFilter)[])
      .flatMap((key) => (filter[key] === undefined ? [] : [{ ...OPEN_PIPELINE_DIMENSIONS[key], value: filter[key] }]));
    const instantsSql = `SELECT n, at, (at AT TIME ZONE 'UTC')::date AS day FROM unnest(${params.add(instants)}::timestamptz[]) WITH ORDINALITY AS i(at, n)`;
    const changeFilter = asked.map(({ column, value }) => ` AND c.${column} = ${params.add(value)}`).join('');
    const changes = asked.length <= 1
      ? `SELECT s.currency, s.opened, s.value FROM rm_open_pipeline_sums s
          WHERE s.dimension = ${params.add(asked[0]?.dimension ?? 'all')} AND s.dimension_value = ${params.add(asked[0]?.value ?? '')} AND (
                (s.grain = 'year' AND s.starts < date_trunc('year', i.day::timestamp)::date)
             OR (s.grain = 'month' AND s.starts >= date_trunc('year', i.day::timestamp)::date AND s.starts < date_trunc('month', i.day::timestamp)::date)
             OR (s.grain = 'day' AND s.starts >= date_trunc('month', i.day::timestamp)::date AND s.starts < i.day))
         UNION ALL
         SELECT c.currency, c.opened, c.value FROM rm_open_pipeline_changes c
          WHERE c.changed_at >= (i.day::timestamp AT TIME ZONE 'UTC') AND c.changed_at <= i.at${changeFilter}`
      : `SELECT c.currency, c.opened, c.value FROM rm_open_pipeline_changes c WHERE c.changed_at <= i.at${changeFilter}`;
    const rows = await this.query<{ n: string; currency: string; opened: string; value: string }>(
      `WITH i AS (${instantsSql})
       SELECT i.n, p.currency, sum(p.opened) AS opened, sum(p.value) AS value
         FROM i CROSS JOIN LATERAL (${changes}) p
        GROUP BY i.n, p.currency HAVING sum(p.opened) <> 0 ORDER BY i.n, p.currency`,
      params,
    );
    const open = new Map(instants.map((instant) => [instant, new Map<string, OpenPipeline>()]));
    for (const row of rows) {
      open.get(instants[Number(row.n) - 1])?.set(row.currency, { opportunities: Number(row.opened), value: minor(row.value) });
    }
    return open;
  }

  /** Opportunities open now expected to close on a day of [fromDay, toDay). */
  openOpportunitiesClosing(fromDay: string, toDay: string, pipelines: readonly Pipeline[], filter: FunnelFilter): Promise<metrics.OpenOpportunity[]> {
    const params = new Params();
    return this.opportunities(
      `o.state = 'open' AND o.expected_close_date >= ${params.add(fromDay)}::date AND o.expected_close_date < ${params.add(toDay)}::date`,
      params, pipelines, filter,
    );
  }

  private async opportunities(
    condition: string, params: Params, pipelines: readonly Pipeline[], filter: FunnelFilter,
  ): Promise<metrics.OpenOpportunity[]> {
    const rows = await this.query<{
      lead_id: string; pipeline: string; deal_stage: string; amount_value: string; amount_currency: string;
      expected_close_date: string; owner_id: string | null;
    }>(
      `SELECT o.lead_id, o.pipeline, o.deal_stage, o.amount_value, o.amount_currency,
              to_char(o.expected_close_date, 'YYYY-MM-DD') AS expected_close_date, o.owner_id
         FROM rm_opportunities o LEFT JOIN rm_funnel_leads l ON l.lead_id = o.lead_id
        WHERE ${condition}${filterSql(filter, params, { ownerId: 'o.owner_id' })}
        ORDER BY o.lead_id, o.opened_revision`,
      params,
    );
    return rows.map((opp) => ({
      leadId: opp.lead_id,
      amount: { value: minor(opp.amount_value), currency: opp.amount_currency },
      expectedCloseDate: opp.expected_close_date,
      dealStage: opp.deal_stage,
      probability: probabilityOf(pipelines, opp.pipeline, opp.deal_stage),
      ...(opp.owner_id !== null && { ownerId: opp.owner_id }),
    }));
  }

  /** Opportunities that entered a pipeline in [from, to), with their deal-stage path and outcome. */
  async opportunityPaths(window: metrics.Period, filter: FunnelFilter): Promise<OpportunityRecord[]> {
    const params = new Params();
    const rows = await this.query<{ lead_id: string; pipeline: string; entered_at: Date; deal_stages: string[]; state: string }>(
      `SELECT o.lead_id, o.pipeline, o.entered_at, o.deal_stages, o.state
         FROM rm_opportunities o LEFT JOIN rm_funnel_leads l ON l.lead_id = o.lead_id
        WHERE o.entered_at >= ${params.add(window.from)} AND o.entered_at < ${params.add(window.to)}
              ${filterSql(filter, params, { ownerId: 'o.owner_id' })}
        ORDER BY o.entered_at, o.lead_id`,
      params,
    );
    return rows.map((opp) => ({
      leadId: opp.lead_id, pipeline: opp.pipeline, enteredAt: iso(opp.entered_at), dealStages: opp.deal_stages,
      ...((opp.state === 'won' || opp.state === 'lost') && { outcome: opp.state }),
    }));
  }

  /** Expansions recorded in [from, to). */
  async expansions(window: metrics.Period, filter: FunnelFilter): Promise<metrics.Expansion[]> {
    const params = new Params();
    const rows = await this.query<{
      lead_id: string; kind: metrics.Expansion['kind']; recorded_at: Date; products: ProductLine[];
      amount_value: string; amount_currency: string; key_account: boolean;
    }>(
      `SELECT x.lead_id, x.kind, x.recorded_at, x.products, x.amount_value, x.amount_currency, x.key_account
         FROM rm_expansions x LEFT JOIN rm_funnel_leads l ON l.lead_id = x.lead_id
        WHERE x.recorded_at >= ${params.add(window.from)} AND x.recorded_at < ${params.add(window.to)}${filterSql(filter, params)}
        ORDER BY x.recorded_at, x.lead_id, x.revision`,
      params,
    );
    return rows.map((x) => ({
      leadId: x.lead_id, kind: x.kind, recordedAt: iso(x.recorded_at), products: x.products,
      amount: { value: minor(x.amount_value), currency: x.amount_currency }, keyAccount: x.key_account,
    }));
  }

  /**
   * How many leads had become customers before `at`. The one count here that spans history: an
   * index-only count over `customer` entries, kept in SQL because the customer base is the
   * denominator of every expansion rate.
   */
  async customersBefore(at: string, filter: FunnelFilter): Promise<number> {
    const params = new Params();
    const rows = await this.query<{ customers: string }>(
      `SELECT count(DISTINCT e.lead_id) AS customers
         FROM rm_stage_entries e ${Object.values(filter).every((v) => v === undefined) ? '' : 'JOIN rm_funnel_leads l ON l.lead_id = e.lead_id'}
        WHERE e.stage = 'customer' AND e.entered_at < ${params.add(at)}${filterSql(filter, params)}`,
      params,
    );
    return Number(rows[0]?.customers ?? 0);
  }

  /** The latest targets of each period label, per owner and for the team. */
  async targets(labels: readonly string[]): Promise<Map<string, metrics.SalesTarget[]>> {
    const params = new Params();
    const rows = await this.query<{ period: string; owner_id: string | null; amount_value: string; amount_currency: string }>(
      `SELECT period, owner_id, amount_value, amount_currency FROM rm_sales_targets
        WHERE period = ANY(${params.add(labels)}::text[]) ORDER BY period, owner_key`,
      params,
    );
    const byLabel = new Map<string, metrics.SalesTarget[]>(labels.map((label) => [label, []]));
    for (const row of rows) {
      byLabel.get(row.period)?.push({
        ...(row.owner_id !== null && { ownerId: row.owner_id }),
        amount: { value: minor(row.amount_value), currency: row.amount_currency },
      });
    }
    return byLabel;
  }

  /** Costs recorded for the period labels, summed per label, campaign and currency. */
  async campaignCosts(labels: readonly string[]): Promise<CampaignCostSum[]> {
    const params = new Params();
    const rows = await this.query<{ period: string; campaign_id: string; currency: string; total: string }>(
      `SELECT period, campaign_id, amount_currency AS currency, sum(amount_value) AS total FROM rm_campaign_costs
        WHERE period = ANY(${params.add(labels)}::text[]) GROUP BY period, campaign_id, amount_currency
        ORDER BY period, campaign_id, amount_currency`,
      params,
    );
    return rows.map((row) => ({ period: row.period, campaignId: row.campaign_id, amount: { value: minor(row.total), currency: row.currency } }));
  }

  /** The source channel of each campaign: that of its first captured lead. */
  async campaignSources(campaignIds: readonly string[]): Promise<Map<string, SourceChannel>> {
    const params = new Params();
    const rows = await this.query<{ campaign_id: string; source: SourceChannel }>(
      `SELECT DISTINCT ON (campaign_id) campaign_id, source FROM rm_funnel_leads
        WHERE campaign_id = ANY(${params.add(campaignIds)}::text[]) AND source IS NOT NULL
        ORDER BY campaign_id, captured_at, lead_id`,
      params,
    );
    return new Map(rows.map((row) => [row.campaign_id, row.source]));
  }
}

const withValues = (...values: unknown[]): Params => {
  const params = new Params();
  for (const value of values) params.add(value);
  return params;
};

@Injectable()
export class MetricsReadModel {
  constructor(private readonly read: ReadDatabase) {}

  /** Runs `work` over one read-only REPEATABLE READ snapshot of the read models. */
  async snapshot<T>(work: (snapshot: MetricsSnapshot) => Promise<T>): Promise<T> {
    const runner = (await this.read.connection()).createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const result = await work(new MetricsSnapshot(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
