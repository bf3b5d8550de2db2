// Queries of the lead view, its score facts, history and signals.
import { Inject, Injectable } from '@nestjs/common';
import type { LeadEvent, LifecycleStage, SourceChannel } from '#domain';
import { BuyingSignalEntity, LeadFactEntity, LeadViewEntity, ScoreHistoryEntity } from '../entities/lead.entities.js';
import { ReadDatabase } from '../read-database.js';

export interface LeadFilter {
  readonly stage?: LifecycleStage;
  readonly ownerId?: string;
  readonly source?: SourceChannel;
  readonly campaignId?: string;
  /** Pre-filter on the score ceiling; the caller filters the score it computes for "now". */
  readonly minScore?: number;
}

/** Where the next page starts: strictly after this lead in (createdAt desc, leadId desc) order. */
export interface LeadCursor {
  readonly createdAt: string;
  readonly leadId: string;
}

export interface LeadPage {
  readonly rows: readonly LeadViewEntity[];
  readonly next: LeadCursor | null;
}

@Injectable()
export class LeadReadModel {
  constructor(private readonly read: ReadDatabase) {}

  /** Newest first; `next` is set when the page is full (there may be more). */
  async page(filter: LeadFilter, limit: number, after: LeadCursor | null): Promise<LeadPage> {
    const query = (await this.read.connection()).getRepository(LeadViewEntity).createQueryBuilder('lead');
    if (filter.stage !== undefined) query.andWhere('lead.stage = :stage', { stage: filter.stage });
    if (filter.ownerId !== undefined) query.andWhere('lead.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.source !== undefined) query.andWhere('lead.source = :source', { source: filter.source });
    if (filter.campaignId !== undefined) query.andWhere('lead.campaign_id = :campaignId', { campaignId: filter.campaignId });
    if (filter.minScore !== undefined) query.andWhere('lead.score_ceiling >= :minScore', { minScore: filter.minScore });
    if (after !== null) {
      query.andWhere('(lead.created_at, lead.lead_id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterLeadId AS uuid))', {
        afterCreatedAt: after.createdAt, afterLeadId: after.leadId,
      });
    }
    const rows = await query.orderBy('lead.created_at', 'DESC').addOrderBy('lead.lead_id', 'DESC').limit(limit).getMany();
    const last = rows[rows.length - 1];
    return { rows, next: rows.length === limit && last ? { createdAt: last.view.createdAt, leadId: last.leadId } : null };
  }

  async find(leadId: string): Promise<LeadViewEntity | null> {
    return (await this.read.connection()).getRepository(LeadViewEntity).findOneBy({ leadId });
  }

  /** The scoring facts of each lead, in stream order. */
  async facts(leadIds: readonly string[]): Promise<Map<string, LeadEvent[]>> {
    const facts = new Map<string, LeadEvent[]>(leadIds.map((id) => [id, []]));
    if (leadIds.length === 0) return facts;
    const rows = await (await this.read.connection()).getRepository(LeadFactEntity).createQueryBuilder('fact')
      .where('fact.lead_id = ANY(CAST(:ids AS uuid[]))', { ids: leadIds })
      .orderBy('fact.lead_id').addOrderBy('fact.revision')
      .getMany();
    for (const row of rows) facts.get(row.leadId)?.push(row.event);
    return facts;
  }

  /** Score changes up to `asOf`, oldest first. */
  async scoreHistory(leadId: string, asOf: string): Promise<ScoreHistoryEntity[]> {
    return (await this.read.connection()).getRepository(ScoreHistoryEntity).createQueryBuilder('entry')
      .where('entry.lead_id = :leadId', { leadId })
      .andWhere('entry.at <= CAST(:asOf AS timestamptz)', { asOf })
      .orderBy('entry.revision')
      .getMany();
  }

  /** An owner's signals that happened in [since, until], newest first. */
  async signals(ownerId: string, since: string, until: string): Promise<BuyingSignalEntity[]> {
    return (await this.read.connection()).getRepository(BuyingSignalEntity).createQueryBuilder('signal')
      .where('signal.owner_id = :ownerId', { ownerId })
      .andWhere('signal.at >= CAST(:since AS timestamptz) AND signal.at <= CAST(:until AS timestamptz)', { since, until })
      .orderBy('signal.at', 'DESC').addOrderBy('signal.event_id')
      .getMany();
  }
}
