// The records the domain's `metrics` functions take (libs/domain/src/metrics), read from the funnel
// tables: GET /v1/metrics/* feeds them to the formulas without scanning events.
import { Inject, Injectable } from '@nestjs/common';
import {
  type LeadStatus, type LifecycleStage, type LostReason, type metrics, type Pipeline, type SourceChannel,
} from '#domain';
import {
  CampaignCostEntity, ClosedDealEntity, DailyStageCountEntity, ExpansionEntity, FunnelLeadEntity, OpportunityEntity,
  SalesTargetEntity, StageEntryEntity,
} from '../entities/funnel.entities.js';
import { ReadDatabase } from '../read-database.js';

/** Narrows leads (and their deals) by the dimensions the metrics API filters on. */
export interface FunnelFilter {
  readonly source?: string;
  readonly campaignId?: string;
  readonly ownerId?: string;
  readonly track?: string;
}

export interface CampaignCost {
  readonly campaignId: string;
  readonly period: string;
  readonly amount: { readonly value: number; readonly currency: string };
}

export interface DailyStageCount {
  readonly day: string;
  readonly stage: LifecycleStage;
  readonly source: string | null;
  readonly campaignId: string | null;
  readonly ownerId: string | null;
  readonly track: string | null;
  readonly entries: number;
}

/** Name of the projection whose checkpoint these records are computed up to. */
export const FUNNEL_PROJECTION = 'funnel';

const iso = (date: Date): string => date.toISOString();
const orNull = (value: string): string | null => (value === '' ? null : value);

@Injectable()
export class FunnelReadModel {
  constructor(private readonly read: ReadDatabase) {}

  /** The global position the funnel tables reflect (a metric's `computedUpTo`). */
  async computedUpTo(): Promise<string> {
    const rows: { position: string }[] = await (await this.read.connection()).query(
      'SELECT position FROM projection_checkpoints WHERE name = $1', [FUNNEL_PROJECTION],
    );
    return rows[0]?.position ?? '0';
  }

  /** Every lead's stage entries in stream order, for funnel, conversion, time in stage, cycle, sources, tracks. */
  async journeys(filter: FunnelFilter = {}): Promise<metrics.LeadJourney[]> {
    const leads = await this.leads(filter);
    if (leads.length === 0) return [];
    const entries = await (await this.read.connection()).getRepository(StageEntryEntity).createQueryBuilder('entry')
      .where('entry.lead_id = ANY(CAST(:ids AS uuid[]))', { ids: leads.map((lead) => lead.leadId) })
      .orderBy('entry.lead_id').addOrderBy('entry.revision')
      .getMany();
    const byLead = new Map<string, metrics.StageEntry[]>();
    for (const entry of entries) {
      const list = byLead.get(entry.leadId) ?? [];
      list.push({ stage: entry.stage as LifecycleStage, at: iso(entry.enteredAt), ...(entry.nurtureTrack !== null && { track: entry.nurtureTrack }) });
      byLead.set(entry.leadId, list);
    }
    return leads.map((lead) => ({
      leadId: lead.leadId,
      entries: byLead.get(lead.leadId) ?? [],
      status: lead.status as LeadStatus,
      ...(lead.wonAt !== null && { wonAt: iso(lead.wonAt) }),
      ...(lead.source !== null && { source: lead.source as SourceChannel }),
      ...(lead.ownerId !== null && { ownerId: lead.ownerId }),
    }));
  }

  /** Stage entries per UTC day in [fromDay, toDay) by dimension: period-mode counts without touching leads. */
  async dailyStageCounts(fromDay: string, toDay: string, filter: FunnelFilter = {}): Promise<DailyStageCount[]> {
    const query = (await this.read.connection()).getRepository(DailyStageCountEntity).createQueryBuilder('count')
      .where('count.day >= CAST(:fromDay AS date) AND count.day < CAST(:toDay AS date)', { fromDay, toDay });
    if (filter.source !== undefined) query.andWhere('count.source = :source', { source: filter.source });
    if (filter.campaignId !== undefined) query.andWhere('count.campaign_id = :campaignId', { campaignId: filter.campaignId });
    if (filter.ownerId !== undefined) query.andWhere('count.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.track !== undefined) query.andWhere('count.nurture_track = :track', { track: filter.track });
    const rows = await query.orderBy('count.day').addOrderBy('count.stage').getMany();
    return rows.map((row) => ({
      day: row.day, stage: row.stage as LifecycleStage, source: orNull(row.source), campaignId: orNull(row.campaignId),
      ownerId: orNull(row.ownerId), track: orNull(row.nurtureTrack), entries: row.entries,
    }));
  }

  /** Deals closed in [from, to) (all when no period), won and lost, with source and deal stage. */
  async closedDeals(period?: metrics.Period, filter: FunnelFilter = {}): Promise<metrics.ClosedDeal[]> {
    const query = (await this.read.connection()).getRepository(ClosedDealEntity).createQueryBuilder('deal');
    if (period) query.where('deal.closed_at >= CAST(:from AS timestamptz) AND deal.closed_at < CAST(:to AS timestamptz)', period);
    if (filter.source !== undefined) query.andWhere('deal.source = :source', { source: filter.source });
    if (filter.campaignId !== undefined) query.andWhere('deal.campaign_id = :campaignId', { campaignId: filter.campaignId });
    if (filter.ownerId !== undefined) query.andWhere('deal.owner_id = :ownerId', { ownerId: filter.ownerId });
    const rows = await query.orderBy('deal.closed_at').addOrderBy('deal.lead_id').getMany();
    return rows.map((deal) => ({
      leadId: deal.leadId,
      outcome: deal.outcome,
      closedAt: iso(deal.closedAt),
      amount: deal.amountValue === null || deal.amountCurrency === null ? null : { value: deal.amountValue, currency: deal.amountCurrency },
      ...(deal.termMonths !== null && { termMonths: deal.termMonths }),
      ...(deal.ownerId !== null && { ownerId: deal.ownerId }),
      ...(deal.source !== null && { source: deal.source as SourceChannel }),
      dealStage: deal.dealStage,
      ...(deal.lostReason !== null && { lostReason: deal.lostReason as LostReason }),
      products: deal.products,
    }));
  }

  /** Opportunities open now, weighted by their deal stage's probability in the configured pipelines. */
  async openOpportunities(pipelines: readonly Pipeline[], filter: FunnelFilter = {}): Promise<metrics.OpenOpportunity[]> {
    const query = (await this.read.connection()).getRepository(OpportunityEntity).createQueryBuilder('opp').where("opp.state = 'open'");
    if (filter.ownerId !== undefined) query.andWhere('opp.owner_id = :ownerId', { ownerId: filter.ownerId });
    const rows = await query.orderBy('opp.lead_id').getMany();
    return rows.map((opp) => ({
      leadId: opp.leadId,
      amount: { value: opp.amountValue, currency: opp.amountCurrency },
      expectedCloseDate: opp.expectedCloseDate,
      dealStage: opp.dealStage,
      probability: pipelines.find((p) => p.id === opp.pipeline)?.stages.find((s) => s.name === opp.dealStage)?.probability ?? 0,
      ...(opp.ownerId !== null && { ownerId: opp.ownerId }),
    }));
  }

  /** Every opportunity of one pipeline with its deal-stage path and outcome (recycled ones have none). */
  async opportunityPaths(pipeline: string): Promise<metrics.OpportunityPath[]> {
    const rows = await (await this.read.connection()).getRepository(OpportunityEntity).find({ where: { pipeline }, order: { enteredAt: 'ASC', leadId: 'ASC' } });
    return rows.map((opp) => ({
      leadId: opp.leadId,
      enteredAt: iso(opp.enteredAt),
      dealStages: opp.dealStages,
      ...((opp.state === 'won' || opp.state === 'lost') && { outcome: opp.state }),
    }));
  }

  /** Expansions recorded in [from, to) (all when no period). */
  async expansions(period?: metrics.Period): Promise<metrics.Expansion[]> {
    const query = (await this.read.connection()).getRepository(ExpansionEntity).createQueryBuilder('exp');
    if (period) query.where('exp.recorded_at >= CAST(:from AS timestamptz) AND exp.recorded_at < CAST(:to AS timestamptz)', period);
    const rows = await query.orderBy('exp.recorded_at').addOrderBy('exp.lead_id').getMany();
    return rows.map((exp) => ({
      leadId: exp.leadId, kind: exp.kind, recordedAt: iso(exp.recordedAt), products: exp.products,
      amount: { value: exp.amountValue, currency: exp.amountCurrency }, keyAccount: exp.keyAccount,
    }));
  }

  /** The targets set for a period label (`2026-11`, `2026-Q4`, `2026`): the latest per owner and for the team. */
  async targets(period: string): Promise<metrics.SalesTarget[]> {
    const rows = await (await this.read.connection()).getRepository(SalesTargetEntity).find({ where: { period }, order: { ownerKey: 'ASC' } });
    return rows.map((row) => ({
      ...(row.ownerId !== null && { ownerId: row.ownerId }),
      amount: { value: row.amountValue, currency: row.amountCurrency },
    }));
  }

  /** Costs recorded for a period label, summed per campaign and currency. */
  async campaignCosts(period: string): Promise<CampaignCost[]> {
    const rows = await (await this.read.connection()).getRepository(CampaignCostEntity).find({ where: { period }, order: { campaignId: 'ASC' } });
    const sums = new Map<string, CampaignCost>();
    for (const row of rows) {
      const key = `${row.campaignId}:${row.amountCurrency}`;
      const value = (sums.get(key)?.amount.value ?? 0) + row.amountValue;
      sums.set(key, { campaignId: row.campaignId, period, amount: { value, currency: row.amountCurrency } });
    }
    return [...sums.values()];
  }

  /** The source channel of each campaign's leads, to turn campaign costs into the SourceCost of lead ROI. */
  async campaignSources(): Promise<Map<string, SourceChannel>> {
    const rows: { campaign_id: string; source: SourceChannel }[] = await (await this.read.connection()).query(
      `SELECT DISTINCT ON (campaign_id) campaign_id, source FROM rm_funnel_leads
        WHERE campaign_id IS NOT NULL AND source IS NOT NULL ORDER BY campaign_id, captured_at`,
    );
    return new Map(rows.map((row) => [row.campaign_id, row.source]));
  }

  private async leads(filter: FunnelFilter): Promise<FunnelLeadEntity[]> {
    const query = (await this.read.connection()).getRepository(FunnelLeadEntity).createQueryBuilder('lead');
    if (filter.source !== undefined) query.andWhere('lead.source = :source', { source: filter.source });
    if (filter.campaignId !== undefined) query.andWhere('lead.campaign_id = :campaignId', { campaignId: filter.campaignId });
    if (filter.ownerId !== undefined) query.andWhere('lead.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.track !== undefined) query.andWhere('lead.nurture_track = :track', { track: filter.track });
    return query.orderBy('lead.lead_id').getMany();
  }
}
