// Query parameters of the read routes, validated like bodies: every bad parameter named in a 400.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LIFECYCLE_STAGES, SOURCE_CHANNELS, type LifecycleStage, type SourceChannel } from '#domain';
import { IsInstant } from '#platform';

export class MinPositionQuery {
  @ApiPropertyOptional({ description: 'Wait until the read models have reached this global position (a command answer\'s `position`); also `X-Min-Position`' })
  @IsOptional() @IsString() @MaxLength(64)
  minPosition?: string;
}

export class LeadListQuery extends MinPositionQuery {
  @ApiPropertyOptional({ enum: LIFECYCLE_STAGES }) @IsOptional() @IsIn(LIFECYCLE_STAGES)
  stage?: LifecycleStage;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  ownerId?: string;

  @ApiPropertyOptional({ enum: SOURCE_CHANNELS, description: 'The source channel of the capture' }) @IsOptional() @IsIn(SOURCE_CHANNELS)
  source?: SourceChannel;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  campaignId?: string;

  @ApiPropertyOptional({ description: 'Only leads whose score now is at least this' })
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false })
  minScore?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;
}

export class ScoreQuery extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'ISO 8601 date-time with offset the score is computed for; default now' })
  @IsOptional() @IsInstant()
  asOf?: string;
}

export class SignalsQuery extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'The rep whose feed to read' }) @IsString() @IsNotEmpty() @MaxLength(200)
  ownerId!: string;
}
