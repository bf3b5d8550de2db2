import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CommandBodyDto } from './command-body.dto.js';
import { IsPeriod } from './is-period.js';
import { MoneyDto } from './money.dto.js';

export class TargetDto extends CommandBodyDto {
  @ApiProperty({ type: MoneyDto }) @IsObject() @ValidateNested() @Type(() => MoneyDto) amount!: MoneyDto;
  @ApiProperty({ required: false, description: 'A rep; omitted for the whole team' }) @IsOptional() @IsString() @Length(1, 100) ownerId?: string;
}

export class CampaignCostDto extends CommandBodyDto {
  @ApiProperty({ example: '2026-Q4' }) @IsPeriod() period!: string;
  @ApiProperty({ type: MoneyDto }) @IsObject() @ValidateNested() @Type(() => MoneyDto) amount!: MoneyDto;
}

/** `PUT /v1/targets/{period}`. */
export class TargetPathDto {
  @ApiProperty({ example: '2026-Q4' }) @IsPeriod() period!: string;
}

/** `POST /v1/campaigns/{id}/costs`: the id as long as a source's campaignId may be. */
export class CampaignPathDto {
  @ApiProperty({ example: 'q4-webinar' }) @IsString() @Length(1, 100) id!: string;
}
