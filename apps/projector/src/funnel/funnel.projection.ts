// Funnel read models for the metrics API: per-lead stage entries and exits, nurture-track changes,
// daily entry counts by dimension, opportunities with their deal-stage path, the open pipeline
// (open-pipeline-rows.ts), closed deals, expansions, targets and costs.
import { Injectable } from '@nestjs/common';
import { initialState, isLeadEventType, LEAD_EVENT_TYPES, type LeadState, type PlanningEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { toLeadEvent } from '#commands';
import type { Projection } from '#projections';
import { funnelStep, type FunnelFact } from '#read-models';
import type { PoolClient } from 'pg';
import { upsert, writeAll, type Write } from '../sql/upsert-rows.js';
import { OpenPipelineRows } from './open-pipeline-rows.js';

interface FunnelLead {
  state: LeadState;
  capturedAt: string;
  wonAt: string | null;
}

type Row = Record<string, unknown>;

interface Rows {
  readonly entries: Row[];
  readonly trackChanges: Row[];
  readonly openPipeline: OpenPipelineRows;
  readonly daily: Map<string, Row & { entries: number }>;
  readonly opportunities: Map<string, Row>;
  readonly moves: Row[];
  readonly deals: Row[];
  readonly expansions: Row[];
  readonly targets: Map<string, Row>;
  readonly costs: Row[];
}

const dailyKey = (row: Row): string => JSON.stringify([row.day, row.stage, row.source, row.campaign_id, row.owner_id, row.nurture_track]);

@Injectable()
export class FunnelProjection implements Projection {
  readonly name = 'funnel';
  readonly eventTypes = [...LEAD_EVENT_TYPES, 'SalesTargetSet', 'CampaignCostRecorded'];
  readonly tables = [
    'rm_funnel_leads', 'rm_stage_entries', 'rm_daily_stage_counts', 'rm_opportunities', 'rm_deal_stage_moves',
    'rm_closed_deals', 'rm_expansions', 'rm_sales_targets', 'rm_campaign_costs', 'rm_nurture_track_changes',
    'rm_open_pipeline_changes', 'rm_open_pipeline_sums',
  ];

  async apply(events: readonly RecordedEvent[], client: PoolClient): Promise<void> {
    const leadEvents = events.filter((event) => isLeadEventType(event.type));
    const leads = await this.loadLeads(client, [...new Set(leadEvents.map((event) => toLeadEvent(event).data.leadId))]);
    const stored = new Set(leads.keys()); // the leads that may have a stay open from an earlier batch
    const openOpportunities = await this.loadOpenOpportunities(client, [...leads.keys()]);
    const rows: Rows = {
      entries: [], trackChanges: [], openPipeline: new OpenPipelineRows(), daily: new Map(), opportunities: new Map(), moves: [], deals: [], expansions: [],
      targets: new Map(), costs: [],
    };
    for (const recorded of events) {
      if (isLeadEventType(recorded.type)) this.foldLead(leads, openOpportunities, rows, recorded);
      else this.foldPlanning(rows, recorded);
    }
    await this.write(client, leads, stored, rows);
  }

  private foldLead(leads: Map<string, FunnelLead>, open: Map<string, Row>, rows: Rows, recorded: RecordedEvent): void {
    const event = toLeadEvent(recorded);
    const { leadId } = event.data;
    const lead = leads.get(leadId) ?? { state: initialState, capturedAt: event.data.occurredAt, wonAt: null };
    const { state, facts } = funnelStep(lead.state, event);
    for (const fact of facts) this.rowsOf(fact, { leadId, revision: recorded.revision, state, open, rows, lead });
    leads.set(leadId, { ...lead, state });
  }

  private rowsOf(
    fact: FunnelFact,
    at: { leadId: string; revision: number; state: LeadState; open: Map<string, Row>; rows: Rows; lead: FunnelLead },
  ): void {
    const { leadId, revision, state, open, rows, lead } = at;
    const source = state.source?.channel ?? null;
    const campaignId = state.source?.campaignId ?? null;
    switch (fact.kind) {
      case 'stage_entered': {
        rows.entries.push({ lead_id: leadId, revision, stage: fact.stage, entered_at: fact.at, exited_at: null, nurture_track: fact.track });
        const daily = {
          day: fact.at.slice(0, 10), stage: fact.stage, source: source ?? '', campaign_id: campaignId ?? '',
          owner_id: state.ownerId ?? '', nurture_track: fact.track ?? '', entries: 1,
        };
        const key = dailyKey(daily);
        const existing = rows.daily.get(key);
        rows.daily.set(key, existing ? { ...existing, entries: existing.entries + 1 } : daily);
        return;
      }
      case 'nurture_track_changed':
        rows.trackChanges.push({ lead_id: leadId, revision, track: fact.track, changed_at: fact.at });
        return;
      case 'open_pipeline_changed':
        rows.openPipeline.add(leadId, revision, fact.at, {
          source: source ?? '', campaign_id: campaignId ?? '', nurture_track: state.nurtureTrack ?? '',
        }, fact.changes);
        return;
      case 'opportunity_opened': {
        const row = {
          lead_id: leadId, opened_revision: revision, pipeline: fact.pipeline, entered_at: fact.at, deal_stages: [fact.dealStage],
          deal_stage: fact.dealStage, amount_value: fact.amount.value, amount_currency: fact.amount.currency,
          expected_close_date: fact.expectedCloseDate, owner_id: fact.ownerId, state: 'open', ended_at: null,
        };
        open.set(leadId, row);
        rows.opportunities.set(`${leadId}:${revision}`, row);
        return;
      }
      case 'deal_stage_moved': {
        rows.moves.push({ lead_id: leadId, revision, pipeline: fact.pipeline, from_stage: fact.from, to_stage: fact.to, at: fact.at });
        this.updateOpportunity(open, rows, leadId, (row) => ({
          ...row, deal_stage: fact.to, deal_stages: [...(row.deal_stages as string[]), fact.to],
          amount_value: fact.amount.value, amount_currency: fact.amount.currency, expected_close_date: fact.expectedCloseDate,
          owner_id: state.ownerId,
        }));
        return;
      }
      case 'opportunity_ended':
        this.updateOpportunity(open, rows, leadId, (row) => ({ ...row, state: fact.state, ended_at: fact.at }));
        if (fact.state !== 'disqualified') open.delete(leadId); // a disqualified one may be resumed
        return;
      case 'opportunity_resumed':
        this.updateOpportunity(open, rows, leadId, (row) => ({ ...row, state: 'open', ended_at: null }));
        return;
      case 'deal_closed':
        if (fact.outcome === 'won') lead.wonAt = fact.at;
        rows.deals.push({
          lead_id: leadId, revision, outcome: fact.outcome, closed_at: fact.at, amount_value: fact.amount?.value ?? null,
          amount_currency: fact.amount?.currency ?? null, term_months: fact.termMonths, owner_id: fact.ownerId, source,
          campaign_id: campaignId, pipeline: fact.pipeline, deal_stage: fact.dealStage, lost_reason: fact.lostReason,
          products: fact.products,
        });
        return;
      case 'expansion':
        rows.expansions.push({
          lead_id: leadId, revision, kind: fact.expansionKind, recorded_at: fact.at, products: fact.products,
          amount_value: fact.amount.value, amount_currency: fact.amount.currency, key_account: fact.keyAccount,
        });
        return;
      default: {
        const unhandled: never = fact;
        return unhandled;
      }
    }
  }

  private updateOpportunity(open: Map<string, Row>, rows: Rows, leadId: string, change: (row: Row) => Row): void {
    const row = open.get(leadId);
    if (!row) return;
    const next = change(row);
    open.set(leadId, next);
    rows.opportunities.set(`${leadId}:${String(row.opened_revision)}`, next);
  }

  private foldPlanning(rows: Rows, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as PlanningEvent;
    if (event.type === 'SalesTargetSet') {
      const ownerKey = event.data.ownerId ?? '';
      rows.targets.set(`${event.data.period}:${ownerKey}`, {
        period: event.data.period, owner_key: ownerKey, owner_id: event.data.ownerId, amount_value: event.data.amount.value,
        amount_currency: event.data.amount.currency, set_at: event.data.occurredAt,
      });
    } else {
      rows.costs.push({
        event_id: recorded.eventId, campaign_id: event.data.campaignId, period: event.data.period,
        amount_value: event.data.amount.value, amount_currency: event.data.amount.currency, recorded_at: event.data.occurredAt,
      });
    }
  }

  private async loadLeads(client: PoolClient, leadIds: readonly string[]): Promise<Map<string, FunnelLead>> {
    const { rows } = await client.query<{ lead_id: string; state: LeadState; captured_at: Date; won_at: Date | null }>(
      'SELECT lead_id, state, captured_at, won_at FROM rm_funnel_leads WHERE lead_id = ANY($1::uuid[])', [leadIds],
    );
    return new Map(rows.map((row) => [row.lead_id, {
      state: row.state, capturedAt: row.captured_at.toISOString(), wonAt: row.won_at?.toISOString() ?? null,
    }]));
  }

  /** Each lead's open opportunity, or the one its disqualification ended, which a reopening resumes. */
  private async loadOpenOpportunities(client: PoolClient, leadIds: readonly string[]): Promise<Map<string, Row>> {
    const { rows } = await client.query<Row & { lead_id: string }>(
      `SELECT lead_id, opened_revision, pipeline, entered_at, deal_stages, deal_stage, amount_value, amount_currency,
              to_char(expected_close_date, 'YYYY-MM-DD') AS expected_close_date, owner_id, state, ended_at
         FROM rm_opportunities WHERE state IN ('open', 'disqualified') AND lead_id = ANY($1::uuid[])`,
      [leadIds],
    );
    return new Map(rows.map((row) => [row.lead_id, row]));
  }

  /** Every table's rows of the batch in one statement. */
  private async write(client: PoolClient, leads: Map<string, FunnelLead>, stored: ReadonlySet<string>, rows: Rows): Promise<void> {
    await writeAll(client, [
      closeStays(rows.entries, stored),
      upsert({ table: 'rm_funnel_leads', key: ['lead_id'], rows: [...leads.entries()].map(([leadId, lead]) => ({
        lead_id: leadId, source: lead.state.source?.channel ?? null, campaign_id: lead.state.source?.campaignId ?? null,
        owner_id: lead.state.ownerId, nurture_track: lead.state.nurtureTrack, stage: lead.state.stage ?? 'lead',
        status: lead.state.status, captured_at: lead.capturedAt, won_at: lead.wonAt, state: lead.state,
      })) }),
      upsert({ table: 'rm_stage_entries', key: ['lead_id', 'revision'], rows: rows.entries }),
      upsert({ table: 'rm_nurture_track_changes', key: ['lead_id', 'revision'], rows: rows.trackChanges }),
      ...rows.openPipeline.writes(),
      upsert({ table: 'rm_daily_stage_counts', key: ['day', 'stage', 'source', 'campaign_id', 'owner_id', 'nurture_track'], rows: [...rows.daily.values()], add: ['entries'] }),
      upsert({ table: 'rm_opportunities', key: ['lead_id', 'opened_revision'], rows: [...rows.opportunities.values()] }),
      upsert({ table: 'rm_deal_stage_moves', key: ['lead_id', 'revision'], rows: rows.moves }),
      upsert({ table: 'rm_closed_deals', key: ['lead_id', 'revision'], rows: rows.deals }),
      upsert({ table: 'rm_expansions', key: ['lead_id', 'revision'], rows: rows.expansions }),
      upsert({ table: 'rm_sales_targets', key: ['period', 'owner_key'], rows: [...rows.targets.values()] }),
      upsert({ table: 'rm_campaign_costs', key: ['event_id'], rows: rows.costs }),
    ]);
  }
}

/**
 * Closes the open stay of each lead that entered a stage in this batch. The batch's own entries are
 * closed in memory (each by the next one of its lead); the statement's UPDATE does not see the rows
 * its INSERT adds, so it closes only the stay open before the batch, of the leads stored before it.
 * That stay is the lead's latest entry, found through the primary key: matched on `lead_id` alone,
 * a table without statistics (a rebuild's fresh one) was planned as a scan of all of it per batch.
 */
const closeStays = (entries: readonly Row[], stored: ReadonlySet<string>): Write | null => {
  const byLead = new Map<string, Row[]>();
  for (const entry of entries) {
    const list = byLead.get(entry.lead_id as string);
    if (list) list.push(entry);
    else byLead.set(entry.lead_id as string, [entry]);
  }
  for (const list of byLead.values()) list.forEach((entry, i) => { if (i + 1 < list.length) entry.exited_at = list[i + 1].entered_at; });
  const closing = [...byLead].filter(([leadId]) => stored.has(leadId)).map(([leadId, list]) => ({ lead_id: leadId, exited_at: list[0].entered_at }));
  if (closing.length === 0) return null;
  return {
    tables: [],
    sql: (parameter) => `UPDATE rm_stage_entries e SET exited_at = o.exited_at
       FROM (SELECT x.lead_id, x.exited_at,
                    (SELECT s.revision FROM rm_stage_entries s WHERE s.lead_id = x.lead_id ORDER BY s.revision DESC LIMIT 1) AS revision
               FROM json_to_recordset($${parameter}::json) AS x(lead_id uuid, exited_at timestamptz)) o
      WHERE e.lead_id = o.lead_id AND e.revision = o.revision AND e.exited_at IS NULL`,
    values: [JSON.stringify(closing)],
  };
};
