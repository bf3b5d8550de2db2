// The lead view, its score facts, score history and the owners' buying signals: one projection,
// because a signal needs the lead's stage and owner at the moment of the engagement.
import { Inject, Injectable } from '@nestjs/common';
import { LEAD_EVENT_TYPES, type LeadEvent, type ScoreHistoryEntry, type ScoringModel } from '#domain';
import type { RecordedEvent } from '#event-store';
import { toLeadEvent } from '#commands';
import type { Projection } from '#projections';
import {
  emailOf, evolveLeadView, isScoringFact, SCORING_MODEL, scoredFactsOf, scoreStep, type LeadView, type ScoredFacts, type ScoringFact,
} from '#read-models';
import type { BuyingSignal } from '#domain';
import type { PoolClient } from 'pg';
import { upsert, writeAll } from '../sql/upsert-rows.js';
import { RecentByRevision } from '../recent-by-revision.js';

interface LeadBatch {
  readonly views: Map<string, LeadView>;
  readonly facts: Map<string, ScoredFacts>;
  /** Per lead whose facts changed, the index of its first fact to write: the facts before it are stored as they are. */
  readonly factsToWrite: Map<string, number>;
  readonly history: { leadId: string; revision: number; entry: ScoreHistoryEntry }[];
  readonly signals: { eventId: string; ownerId: string; signal: BuyingSignal }[];
}

/** A few kB a lead: a few MB in all. */
const RECENT_LEADS = 1000;

@Injectable()
export class LeadsProjection implements Projection {
  readonly name = 'leads';
  readonly eventTypes = LEAD_EVENT_TYPES;
  readonly tables = ['rm_leads', 'rm_lead_facts', 'rm_score_history', 'rm_buying_signals'];

  /**
   * The facts of the leads scored last (recent-by-revision.ts), taken at the revision the stored view
   * has (a batch that rolled back leaves it behind): enough for a campaign's worth of leads worked at once.
   */
  private readonly recent = new RecentByRevision<ScoredFacts>(RECENT_LEADS);

  constructor(@Inject(SCORING_MODEL) private readonly model: ScoringModel) {}

  async apply(events: readonly RecordedEvent[], client: PoolClient): Promise<void> {
    const decoded = events.map((recorded) => ({ recorded, event: toLeadEvent(recorded) }));
    const leadIds = [...new Set(decoded.map(({ event }) => event.data.leadId))];
    const views = await this.loadViews(client, leadIds);
    const scoring = [...new Set(decoded.filter(({ event }) => isScoringFact(event)).map(({ event }) => event.data.leadId))];
    const kept = new Map(scoring.flatMap((leadId) => {
      const view = views.get(leadId);
      const remembered = this.recent.get(leadId);
      return view && remembered?.revision === view.revision ? [[leadId, remembered.value] as const] : [];
    }));
    const batch: LeadBatch = {
      views,
      facts: new Map([...kept, ...await this.loadFacts(client, scoring.filter((leadId) => !kept.has(leadId)))]),
      factsToWrite: new Map(),
      history: [],
      signals: [],
    };
    for (const { recorded, event } of decoded) this.fold(batch, recorded, event);
    await this.write(client, batch);
    // should the transaction still fail, the stored revisions stay behind these and the facts are read back
    for (const [leadId, scored] of batch.facts) {
      const view = batch.views.get(leadId);
      if (view) this.recent.remember(leadId, view.revision, { facts: scored.facts, scoring: scored.scoring }); // not the step's history and signal
    }
  }

  private fold(batch: LeadBatch, recorded: RecordedEvent, event: LeadEvent): void {
    const { leadId } = event.data;
    const before = batch.views.get(leadId) ?? null;
    const place = { revision: recorded.revision, position: recorded.position };
    let view = evolveLeadView(before, event, place);
    if (view === before) return; // applied already
    if (isScoringFact(event)) {
      const lead = batch.facts.get(leadId) ?? scoredFactsOf([], this.model);
      const step = scoreStep(lead, event, recorded.revision, view.state, this.model);
      batch.facts.set(leadId, step);
      // an erasure redacted the stored facts too
      const from = event.type === 'LeadPersonalDataErased' ? 0 : lead.facts.length;
      batch.factsToWrite.set(leadId, Math.min(from, batch.factsToWrite.get(leadId) ?? from));
      view = { ...view, score: step.score };
      if (step.history) batch.history.push({ leadId, revision: recorded.revision, entry: step.history });
      if (step.signal && view.state.ownerId) batch.signals.push({ eventId: recorded.eventId, ownerId: view.state.ownerId, signal: step.signal });
    }
    batch.views.set(leadId, view);
  }

  private async loadViews(client: PoolClient, leadIds: readonly string[]): Promise<Map<string, LeadView>> {
    const { rows } = await client.query<{ view: LeadView }>('SELECT view FROM rm_leads WHERE lead_id = ANY($1::uuid[])', [leadIds]);
    return new Map(rows.map(({ view }) => [view.leadId, view]));
  }

  private async loadFacts(client: PoolClient, leadIds: readonly string[]): Promise<Map<string, ScoredFacts>> {
    const facts = new Map<string, ScoringFact[]>();
    if (leadIds.length === 0) return new Map();
    const { rows } = await client.query<{ lead_id: string; revision: number; event: LeadEvent }>(
      'SELECT lead_id, revision, event FROM rm_lead_facts WHERE lead_id = ANY($1::uuid[]) ORDER BY lead_id, revision',
      [leadIds],
    );
    for (const row of rows) {
      const list = facts.get(row.lead_id) ?? [];
      list.push({ revision: row.revision, event: row.event });
      facts.set(row.lead_id, list);
    }
    return new Map([...facts].map(([leadId, list]) => [leadId, scoredFactsOf(list, this.model)]));
  }

  private async write(client: PoolClient, batch: LeadBatch): Promise<void> {
    const facts = [...batch.factsToWrite].flatMap(([leadId, from]) =>
      (batch.facts.get(leadId)?.facts ?? []).slice(from).map((fact) => ({ lead_id: leadId, revision: fact.revision, event: fact.event })));
    await writeAll(client, [
      upsert({ table: 'rm_leads', key: ['lead_id'], rows: [...batch.views.values()].map(leadRow) }),
      upsert({ table: 'rm_lead_facts', key: ['lead_id', 'revision'], rows: facts }),
      upsert({
        table: 'rm_score_history', key: ['lead_id', 'revision'], rows: batch.history.map(({ leadId, revision, entry }) => ({
          lead_id: leadId, revision, model_version: entry.modelVersion, at: entry.at, event_type: entry.eventType,
          before: entry.before, score: entry.score, fit: entry.fit, behaviour: entry.behaviour, delta: entry.delta,
          changes: entry.changes, reason: entry.reason,
        })),
      }),
      upsert({
        table: 'rm_buying_signals', key: ['event_id'], rows: batch.signals.map(({ eventId, ownerId, signal }) => ({
          event_id: eventId, owner_id: ownerId, lead_id: signal.leadId, kind: signal.kind, at: signal.at,
          score_change: signal.scoreChange, score: signal.score,
        })),
      }),
    ]);
  }
}

const leadRow = (view: LeadView): Record<string, unknown> => ({
  lead_id: view.leadId,
  email: emailOf(view),
  stage: view.state.stage,
  status: view.state.status,
  owner_id: view.state.ownerId,
  source: view.state.source?.channel ?? null,
  campaign_id: view.state.source?.campaignId ?? null,
  nurture_track: view.state.nurtureTrack,
  score: view.score?.total ?? null,
  score_fit: view.score?.fit ?? null,
  score_behaviour: view.score?.behaviour ?? null,
  score_ceiling: view.score?.ceiling ?? null,
  score_model_version: view.score?.modelVersion ?? null,
  scored_at: view.score?.at ?? null,
  revision: view.revision,
  position: view.position,
  created_at: view.createdAt,
  updated_at: view.updatedAt,
  view,
});
