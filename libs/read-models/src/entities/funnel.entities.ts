// TypeORM mappings of the funnel tables (read-models.migrations.ts creates them).
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductLine } from '#domain';

/** bigint minor units come back from pg as strings; they fit a JS number (Money is a safe integer). */
const minorUnits = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'rm_funnel_leads' })
export class FunnelLeadEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'campaign_id', type: 'text', nullable: true }) campaignId!: string | null;
  @Column({ name: 'owner_id', type: 'text', nullable: true }) ownerId!: string | null;
  @Column({ name: 'nurture_track', type: 'text', nullable: true }) nurtureTrack!: string | null;
  @Column({ type: 'text' }) stage!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'captured_at', type: 'timestamptz' }) capturedAt!: Date;
  @Column({ name: 'won_at', type: 'timestamptz', nullable: true }) wonAt!: Date | null;
}

@Entity({ name: 'rm_stage_entries' })
export class StageEntryEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) stage!: string;
  @Column({ name: 'entered_at', type: 'timestamptz' }) enteredAt!: Date;
  @Column({ name: 'exited_at', type: 'timestamptz', nullable: true }) exitedAt!: Date | null;
  @Column({ name: 'nurture_track', type: 'text', nullable: true }) nurtureTrack!: string | null;
}

@Entity({ name: 'rm_daily_stage_counts' })
export class DailyStageCountEntity {
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'text' }) stage!: string;
  @PrimaryColumn({ type: 'text' }) source!: string;
  @PrimaryColumn({ name: 'campaign_id', type: 'text' }) campaignId!: string;
  @PrimaryColumn({ name: 'owner_id', type: 'text' }) ownerId!: string;
  @PrimaryColumn({ name: 'nurture_track', type: 'text' }) nurtureTrack!: string;
  @Column({ type: 'integer' }) entries!: number;
}

@Entity({ name: 'rm_opportunities' })
export class OpportunityEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @PrimaryColumn({ name: 'opened_revision', type: 'integer' }) openedRevision!: number;
  @Column({ type: 'text' }) pipeline!: string;
  @Column({ name: 'entered_at', type: 'timestamptz' }) enteredAt!: Date;
  @Column({ name: 'deal_stages', type: 'json' }) dealStages!: string[];
  @Column({ name: 'deal_stage', type: 'text' }) dealStage!: string;
  @Column({ name: 'amount_value', type: 'bigint', transformer: minorUnits }) amountValue!: number;
  @Column({ name: 'amount_currency', type: 'text' }) amountCurrency!: string;
  @Column({ name: 'expected_close_date', type: 'date' }) expectedCloseDate!: string;
  @Column({ name: 'owner_id', type: 'text', nullable: true }) ownerId!: string | null;
  /** `disqualified`: its lead was disqualified in sql; a reopening makes it `open` again. */
  @Column({ type: 'text' }) state!: 'open' | 'won' | 'lost' | 'recycled' | 'disqualified';
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}

@Entity({ name: 'rm_closed_deals' })
export class ClosedDealEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) outcome!: 'won' | 'lost';
  @Column({ name: 'closed_at', type: 'timestamptz' }) closedAt!: Date;
  @Column({ name: 'amount_value', type: 'bigint', nullable: true, transformer: minorUnits }) amountValue!: number | null;
  @Column({ name: 'amount_currency', type: 'text', nullable: true }) amountCurrency!: string | null;
  @Column({ name: 'term_months', type: 'integer', nullable: true }) termMonths!: number | null;
  @Column({ name: 'owner_id', type: 'text', nullable: true }) ownerId!: string | null;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'campaign_id', type: 'text', nullable: true }) campaignId!: string | null;
  @Column({ type: 'text' }) pipeline!: string;
  @Column({ name: 'deal_stage', type: 'text' }) dealStage!: string;
  @Column({ name: 'lost_reason', type: 'text', nullable: true }) lostReason!: string | null;
  @Column({ type: 'json' }) products!: ProductLine[];
}

@Entity({ name: 'rm_expansions' })
export class ExpansionEntity {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' }) leadId!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) kind!: 'upsell' | 'cross_sell' | 'downgrade';
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ type: 'json' }) products!: ProductLine[];
  @Column({ name: 'amount_value', type: 'bigint', transformer: minorUnits }) amountValue!: number;
  @Column({ name: 'amount_currency', type: 'text' }) amountCurrency!: string;
  @Column({ name: 'key_account', type: 'boolean' }) keyAccount!: boolean;
}

@Entity({ name: 'rm_sales_targets' })
export class SalesTargetEntity {
  @PrimaryColumn({ type: 'text' }) period!: string;
  @PrimaryColumn({ name: 'owner_key', type: 'text' }) ownerKey!: string;
  @Column({ name: 'owner_id', type: 'text', nullable: true }) ownerId!: string | null;
  @Column({ name: 'amount_value', type: 'bigint', transformer: minorUnits }) amountValue!: number;
  @Column({ name: 'amount_currency', type: 'text' }) amountCurrency!: string;
  @Column({ name: 'set_at', type: 'timestamptz' }) setAt!: Date;
}

@Entity({ name: 'rm_campaign_costs' })
export class CampaignCostEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'campaign_id', type: 'text' }) campaignId!: string;
  @Column({ type: 'text' }) period!: string;
  @Column({ name: 'amount_value', type: 'bigint', transformer: minorUnits }) amountValue!: number;
  @Column({ name: 'amount_currency', type: 'text' }) amountCurrency!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}

