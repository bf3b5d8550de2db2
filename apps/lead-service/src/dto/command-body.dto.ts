import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsEventTime } from '#platform';

/** What every command body may carry: when it happened, if the caller knows better than "now". */
export class CommandBodyDto {
  @ApiProperty({ required: false, description: 'When it happened (ISO 8601 date-time with offset, not in the future); defaults to now', example: '2026-11-02T10:15:00Z' })
  @IsOptional()
  @IsEventTime()
  occurredAt?: string;
}

export class ReasonDto extends CommandBodyDto {
  @ApiProperty({ example: 'no budget this year' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
