import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { LeadDto, SourceDto } from '#messaging';
import { CommandBodyDto } from './command-body.dto.js';

/** API.md: "same `lead` and `source` as a captured message". */
export class CreateLeadDto extends CommandBodyDto {
  @ApiProperty({ type: LeadDto }) @IsObject() @ValidateNested() @Type(() => LeadDto) lead!: LeadDto;
  @ApiProperty({ type: SourceDto }) @IsObject() @ValidateNested() @Type(() => SourceDto) source!: SourceDto;
}
