import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

/** What every command body may carry: when it happened, if the caller knows better than "now". */
export class CommandBodyDto {
  @ApiProperty({ required: false, description: 'When it happened (ISO 8601); defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}

export class ReasonDto extends CommandBodyDto {
  @ApiProperty({ example: 'no budget this year' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
