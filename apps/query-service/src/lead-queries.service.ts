// What the lead routes answer, over the read models: pages of leads, one lead, its explained score
// and history, a rep's signal feed. Every answer waits for the projection it reads (minPosition).
import { Inject, Injectable } from '@nestjs/common';
import { isSignalFresh, isUuid, type ScoringModel } from '#domain';
import { NotFound } from '#platform';
import { ReadPosition } from '#projections';
import { LeadReadModel, SCORING_MODEL } from '#read-models';
import { decodeCursor, encodeCursor } from './lead-cursor.js';
import { presentLead, scoreNow, type LeadResource } from './lead-presenter.js';
import type { LeadListQuery } from './dto/lead-queries.dto.js';

/** The projection every lead route reads. */
const LEADS = ['leads'];
const DEFAULT_LIMIT = 50;
const MS_PER_DAY = 86_400_000;

@Injectable()
export class LeadQueries {
  constructor(
    private readonly leads: LeadReadModel,
    private readonly position: ReadPosition,
    @Inject(SCORING_MODEL) private readonly model: ScoringModel,
  ) {}

  async list(query: LeadListQuery, minPosition: string | undefined, now: string): Promise<{ items: LeadResource[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    await this.position.await(LEADS, minPosition);
    const page = await this.leads.page(query, query.limit ?? DEFAULT_LIMIT, after);
    const facts = await this.leads.facts(page.rows.map((row) => row.leadId));
    const items = page.rows
      .map((row) => presentLead(row.view, scoreNow(facts.get(row.leadId) ?? [], now, this.model)))
      // the ceiling pre-filtered in SQL; the score for "now" decides
      .filter((lead) => query.minScore === undefined || (lead.score !== null && lead.score >= query.minScore));
    return { items, nextCursor: page.next === null ? null : encodeCursor(page.next) };
  }

  async one(leadId: string, minPosition: string | undefined, now: string): Promise<LeadResource> {
    await this.position.await(LEADS, minPosition);
    const row = await this.find(leadId);
    const facts = await this.leads.facts([leadId]);
    return presentLead(row.view, scoreNow(facts.get(leadId) ?? [], now, this.model));
  }

  async score(leadId: string, minPosition: string | undefined, asOf: string) {
    await this.position.await(LEADS, minPosition);
    await this.find(leadId);
    const facts = (await this.leads.facts([leadId])).get(leadId) ?? [];
    const score = scoreNow(facts, asOf, this.model);
    const history = await this.leads.scoreHistory(leadId, asOf);
    return {
      leadId,
      asOf,
      modelVersion: this.model.version,
      score: score?.total ?? 0,
      fit: score?.fit ?? 0,
      behaviour: score?.behaviour ?? 0,
      thresholds: this.model.thresholds,
      breakdown: score?.breakdown ?? [],
      history: history.map((entry) => ({
        revision: entry.revision, at: entry.at.toISOString(), eventType: entry.eventType, modelVersion: entry.modelVersion,
        before: entry.before, score: entry.score, fit: entry.fit, behaviour: entry.behaviour, delta: entry.delta,
        changes: entry.changes, reason: entry.reason,
      })),
    };
  }

  async signals(ownerId: string, minPosition: string | undefined, now: string) {
    await this.position.await(LEADS, minPosition);
    const since = new Date(Date.parse(now) - this.model.signalFreshDays * MS_PER_DAY).toISOString();
    const rows = await this.leads.signals(ownerId, since, now);
    const items = rows
      .map((row) => ({
        eventId: row.eventId, leadId: row.leadId, ownerId: row.ownerId, signal: row.kind, at: row.at.toISOString(),
        scoreChange: row.scoreChange, score: row.score,
      }))
      .filter((signal) => isSignalFresh(signal, now, this.model));
    // the feed is bounded by freshness (a week), so it is one page
    return { items, nextCursor: null };
  }

  private async find(leadId: string) {
    const row = isUuid(leadId) ? await this.leads.find(leadId) : null;
    if (!row) throw new NotFound(`no lead ${leadId}`);
    return row;
  }
}
