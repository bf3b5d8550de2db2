// A marketing message as API.md "Marketing events" fixes it: what the Kafka consumer and
// `POST /v1/marketing-events` both validate (marketing-message.validation.ts).
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ENGAGEMENT_KINDS, type EngagementKind } from '#domain';
import { IsEventTime } from '#platform';
import { LeadDto, SourceDto } from './lead-fields.dto.js';

export const MARKETING_EVENT_TYPES = ['lead.captured', 'lead.engaged', 'lead.updated', 'lead.unsubscribed'] as const;
export type MarketingEventType = (typeof MARKETING_EVENT_TYPES)[number];

export class EngagementDto {
  @ApiProperty({ enum: ENGAGEMENT_KINDS }) @IsIn(ENGAGEMENT_KINDS) kind!: EngagementKind;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @MaxLength(200) assetId?: string;
  @ApiProperty({ required: false, description: 'outreach_replied: minutes between the outreach and the reply' })
  @IsOptional() @IsInt() @Min(0) @Max(525_600)
  responseMinutes?: number;
}

export class MarketingMessageDto {
  @ApiProperty({ description: 'Unique per message; re-sending the same id appends nothing', example: 'mk-2026-11-02-000123' })
  @IsString() @Length(1, 200)
  messageId!: string;

  @ApiProperty({ enum: MARKETING_EVENT_TYPES }) @IsIn(MARKETING_EVENT_TYPES) type!: MarketingEventType;

  @ApiProperty({ description: 'When it happened (ISO 8601 date-time with offset, not in the future): the time of the events it becomes', example: '2026-11-02T10:15:00Z' })
  @IsEventTime()
  occurredAt!: string;

  @ApiProperty({ type: LeadDto }) @IsObject() @ValidateNested() @Type(() => LeadDto) lead!: LeadDto;

  @ApiProperty({ type: SourceDto, required: false, description: 'Required for lead.captured; optional otherwise (first touch of an unknown email)' })
  @ValidateIf((message: MarketingMessageDto) => message.type === 'lead.captured' || message.source !== undefined)
  @IsObject() @ValidateNested() @Type(() => SourceDto)
  source?: SourceDto;

  @ApiProperty({ type: EngagementDto, required: false, description: 'Required for lead.engaged; for lead.unsubscribed optional (kind unsubscribe)' })
  @ValidateIf((message: MarketingMessageDto) => message.type === 'lead.engaged' || message.engagement !== undefined)
  @IsObject() @ValidateNested() @Type(() => EngagementDto)
  engagement?: EngagementDto;
}
