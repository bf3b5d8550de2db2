// Query parameters of GET /v1/metrics/{name}, validated like bodies: every bad parameter is named
// in one 400. Which filters a metric takes is its definition's (metric-definition.ts).
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { SOURCE_CHANNELS, type metrics, type SourceChannel } from '#domain';
import { MinPositionQuery } from '../dto/lead-queries.dto.js';
import { GROUP_BYS, type GroupBy } from './metric-window.js';

export const COUNTING_MODES = ['cohort', 'period'] as const;

export class MetricQuery extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'Start: a date (YYYY-MM-DD, local midnight in tz) or an ISO 8601 instant with offset; inclusive. Default: the start of the current month' })
  @IsOptional() @IsString() @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'End, exclusive, like from. Default: the end of the current month' })
  @IsOptional() @IsString() @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: 'A calendar period in tz instead of from/to: 2026-11, 2026-Q4 or 2026', example: '2026-Q4' })
  @IsOptional() @IsString() @MaxLength(10)
  period?: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, description: 'Adds `series`: the metric per calendar day, ISO week or month of the period (at most 400)' })
  @IsOptional() @IsIn(GROUP_BYS)
  groupBy?: GroupBy;

  @ApiPropertyOptional({ description: 'IANA time zone of dates, periods and buckets', default: 'UTC', example: 'Europe/Stockholm' })
  @IsOptional() @IsString() @MaxLength(64)
  tz?: string;

  @ApiPropertyOptional({ enum: COUNTING_MODES, default: 'cohort', description: 'cohort: the leads that entered the first stage in the period, followed since; period: the stage entries inside the period (funnel, pipeline-conversion)' })
  @IsOptional() @IsIn(COUNTING_MODES)
  mode?: metrics.CountingMode;

  @ApiPropertyOptional({ enum: SOURCE_CHANNELS, description: 'The source channel the lead was captured from' })
  @IsOptional() @IsIn(SOURCE_CHANNELS)
  source?: SourceChannel;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  campaignId?: string;

  @ApiPropertyOptional({ description: 'The rep: the lead\'s owner now; for deals, the rep who closed them' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  ownerId?: string;

  @ApiPropertyOptional({ description: 'The lead\'s nurture track (its latest); nurture-tracks: the track reported, counting every lead that started on it' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  track?: string;

  @ApiPropertyOptional({ description: 'Only this currency\'s money figures (ISO 4217)', example: 'EUR' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ description: 'deal-stages: one configured pipeline (default: every pipeline)' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  pipeline?: string;

  @ApiPropertyOptional({ description: 'time-in-stage: a lead is stalled after this many days in its stage', default: 30 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  stalledAfterDays?: number;

  @ApiPropertyOptional({ description: 'time-in-stage: at most this many stalled leads are listed, longest waiting first', default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  stalledLimit?: number;
}

/** The parameters that narrow or shape a metric, as opposed to the window and read-your-writes ones. */
export const METRIC_OPTIONS = [
  'mode', 'source', 'campaignId', 'ownerId', 'track', 'currency', 'pipeline', 'stalledAfterDays', 'stalledLimit',
] as const satisfies readonly (keyof MetricQuery)[];
export type MetricOption = (typeof METRIC_OPTIONS)[number];
