// Query parameters of the audit routes, validated by the global pipe (every bad one named).
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsInstant } from '#platform';

export const MAX_EVENTS_PAGE = 1000;

/**
 * Revisions are bigint in the store, but a larger number than this is no exact JS number and one
 * past bigint's range is a database error (a 500): refused as a 400 instead. No stream comes near.
 */
export const MAX_REVISION = Number.MAX_SAFE_INTEGER;

export class LeadEventsQuery {
  @ApiProperty({ required: false, description: 'First revision to return (1-based)', default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_REVISION)
  fromRevision?: number;

  @ApiProperty({ required: false, description: 'The `nextCursor` of the previous page (same as fromRevision)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_REVISION)
  cursor?: number;

  @ApiProperty({ required: false, description: `Events per page, at most ${MAX_EVENTS_PAGE}`, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_EVENTS_PAGE)
  limit?: number;
}

export class LeadStateQuery {
  @ApiProperty({ required: false, description: 'Rebuild from the events that occurred at or before this instant (ISO 8601 date-time with offset)', example: '2026-11-02T10:15:00Z' })
  @IsOptional() @IsInstant()
  asOf?: string;

  @ApiProperty({ required: false, description: 'Rebuild from the events up to this revision' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_REVISION)
  revision?: number;
}

export class EventLogExportQuery {
  @ApiProperty({ required: false, description: 'Export the events after this global position (the `position` of the last line received); from the beginning when absent' })
  @IsOptional() @IsString()
  fromPosition?: string;

  @ApiProperty({ required: false, description: 'Most events to export; all when absent' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  limit?: number;
}
