// TypeORM mappings of the lead tables (read-models.migrations.ts creates them; never `synchronize`).
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LeadEvent, RuleChange } from '#domain';
import type { LeadView } from '../leads/lead-view.js';

@Entity({ name: 'rm_leads' })
export class LeadViewEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text' }) stage!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'owner_id', type: 'text', nullable: true }) ownerId!: string | null;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'campaign_id', type: 'text', nullable: true }) campaignId!: string | null;
  @Column({ name: 'nurture_track', type: 'text', nullable: true }) nurtureTrack!: string | null;
  @Column({ type: 'float8', nullable: true }) score!: number | null;
  @Column({ name: 'score_ceiling', type: 'float8', nullable: true }) scoreCeiling!: number | null;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) position!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'json' }) view!: LeadView;
}

@Entity({ name: 'rm_lead_facts' })
export class LeadFactEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ type: 'json' }) event!: LeadEvent;
}

@Entity({ name: 'rm_score_history' })
export class ScoreHistoryEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ name: 'model_version', type: 'text' }) modelVersion!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ type: 'float8' }) before!: number;
  @Column({ type: 'float8' }) score!: number;
  @Column({ type: 'float8' }) fit!: number;
  @Column({ type: 'float8' }) behaviour!: number;
  @Column({ type: 'float8' }) delta!: number;
  @Column({ type: 'json' }) changes!: RuleChange[];
  @Column({ type: 'text' }) reason!: string;
}

@Entity({ name: 'rm_buying_signals' })
export class BuyingSignalEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'owner_id', type: 'text' }) ownerId!: string;
  @Column({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'score_change', type: 'float8' }) scoreChange!: number;
  @Column({ type: 'float8' }) score!: number;
}
