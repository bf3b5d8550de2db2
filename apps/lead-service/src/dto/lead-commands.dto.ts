// Bodies of the lead commands (API.md "Lead commands"). Shapes only: lifecycle rules are the
// domain's, and answer 422.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min,
  ValidateNested,
} from 'class-validator';
import { EXPANSION_KINDS, LOST_REASONS, QUALIFICATION_BASES, QUALIFICATION_FRAMEWORKS } from '#domain';
import type { CrossFieldChecks, FieldError } from '#platform';
import { CommandBodyDto } from './command-body.dto.js';
import { IsCalendarDate } from './is-calendar-date.js';
import { MoneyDto, ProductLineDto } from './money.dto.js';

const ID = { min: 1, max: 100 };

export class NurtureDto extends CommandBodyDto {
  @ApiProperty({ example: 'enterprise-onboarding' }) @IsString() @Length(ID.min, ID.max) track!: string;
}

export class QualifyMarketingDto extends CommandBodyDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ required: false, enum: QUALIFICATION_BASES, default: 'sdr' })
  @IsOptional() @IsIn(QUALIFICATION_BASES) basis?: (typeof QUALIFICATION_BASES)[number];
}

export class OwnerDto extends CommandBodyDto {
  @ApiProperty({ example: 'rep-42' }) @IsString() @Length(ID.min, ID.max) ownerId!: string;
}

export class RejectDto extends CommandBodyDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ description: 'Feedback for marketing' }) @IsString() @Length(1, 5000) feedback!: string;
}

export class CriterionDto {
  @ApiProperty() @IsBoolean() met!: boolean;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(0, 2000) note?: string;
}

/** One entry per letter of the framework; which letters are required is checked against `framework`. */
export class CriteriaDto {
  @ApiProperty({ required: false, type: CriterionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CriterionDto) budget?: CriterionDto;
  @ApiProperty({ required: false, type: CriterionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CriterionDto) authority?: CriterionDto;
  @ApiProperty({ required: false, type: CriterionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CriterionDto) need?: CriterionDto;
  @ApiProperty({ required: false, type: CriterionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CriterionDto) timeline?: CriterionDto;
  @ApiProperty({ required: false, type: CriterionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CriterionDto) challenges?: CriterionDto;
  @ApiProperty({ required: false, type: CriterionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CriterionDto) money?: CriterionDto;
  @ApiProperty({ required: false, type: CriterionDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => CriterionDto) prioritization?: CriterionDto;
}

// IsObject: ValidateNested alone passes a line that is itself an array ([[{ sku }]]) unchecked.
const ProductLines = () => applyDecorators(IsArray(), ArrayMaxSize(100), IsObject({ each: true }), ValidateNested({ each: true }), Type(() => ProductLineDto));
const Texts = () => applyDecorators(IsArray(), ArrayMaxSize(50), IsString({ each: true }), Length(1, 500, { each: true }));

export class QualifySalesDto extends CommandBodyDto implements CrossFieldChecks {
  @ApiProperty({ enum: ['BANT', 'CHAMP'] }) @IsIn(['BANT', 'CHAMP']) framework!: 'BANT' | 'CHAMP';
  @ApiProperty({ type: CriteriaDto }) @IsObject() @ValidateNested() @Type(() => CriteriaDto) criteria!: CriteriaDto;
  @ApiProperty({ type: MoneyDto }) @IsObject() @ValidateNested() @Type(() => MoneyDto) amount!: MoneyDto;
  @ApiProperty({ example: '2027-03-31' }) @IsCalendarDate() expectedCloseDate!: string;
  @ApiProperty({ type: [ProductLineDto] }) @ProductLines() products!: ProductLineDto[];
  @ApiProperty({ required: false, default: 'default' }) @IsOptional() @IsString() @Length(ID.min, ID.max) pipeline?: string;
  @ApiProperty({ required: false, description: 'Defaults to the lead owner' }) @IsOptional() @IsString() @Length(ID.min, ID.max) ownerId?: string;

  /** The criteria must hold exactly the letters of the framework (BANT or CHAMP). */
  crossFieldErrors(): FieldError[] {
    const letters: readonly string[] | undefined = QUALIFICATION_FRAMEWORKS[this.framework];
    const criteria: unknown = this.criteria;
    // a framework or criteria the decorators refuse has no letters to compare
    if (letters === undefined || typeof criteria !== 'object' || criteria === null || Array.isArray(criteria)) return [];
    const given = Object.entries(criteria).filter(([, criterion]) => criterion !== undefined).map(([letter]) => letter);
    return [
      ...letters.filter((letter) => !given.includes(letter)).map((letter) => ({ field: `criteria.${letter}`, message: `is required by ${this.framework}` })),
      ...given.filter((letter) => !letters.includes(letter)).map((letter) => ({ field: `criteria.${letter}`, message: `is not a letter of ${this.framework}` })),
    ];
  }
}

export class OpportunityStageDto extends CommandBodyDto {
  @ApiProperty({ example: 'demo' }) @IsString() @Length(ID.min, ID.max) stage!: string;
  @ApiProperty({ required: false, type: MoneyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount?: MoneyDto;
  @ApiProperty({ required: false }) @IsOptional() @IsCalendarDate() expectedCloseDate?: string;
}

export class CloseDto extends CommandBodyDto {
  @ApiProperty({ enum: ['won', 'lost'] }) @IsIn(['won', 'lost']) outcome!: 'won' | 'lost';
  @ApiProperty({ required: false, type: MoneyDto, description: 'Won amount; defaults to the opportunity amount' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto) amount?: MoneyDto;
  @ApiProperty({ required: false, type: [ProductLineDto] }) @IsOptional() @ProductLines() products?: ProductLineDto[];
  @ApiProperty({ required: false, description: 'Contract term, for ACV' }) @IsOptional() @IsInt() @Min(1) @Max(240) termMonths?: number;
  @ApiProperty({ required: false, enum: LOST_REASONS }) @IsOptional() @IsIn(LOST_REASONS) lostReason?: (typeof LOST_REASONS)[number];
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(0, 2000) lostReasonNote?: string;
}

export class OnboardDto extends CommandBodyDto {
  @ApiProperty({ example: 'csm-7' }) @IsString() @Length(ID.min, ID.max) csmId!: string;
  @ApiProperty({ type: [String] }) @Texts() priorities!: string[];
  @ApiProperty({ type: [String] }) @Texts() painPoints!: string[];
  @ApiProperty({ type: [String] }) @Texts() milestones!: string[];
  @ApiProperty({ required: false, default: false }) @IsOptional() @IsBoolean() keyAccount?: boolean;
}

export class ExpansionDto extends CommandBodyDto {
  @ApiProperty({ enum: EXPANSION_KINDS }) @IsIn(EXPANSION_KINDS) kind!: (typeof EXPANSION_KINDS)[number];
  @ApiProperty({ type: [ProductLineDto] }) @ProductLines() @ArrayMinSize(1) products!: ProductLineDto[];
  @ApiProperty({ type: MoneyDto, description: 'Size of the change; a downgrade is recorded as a negative delta' })
  @IsObject() @ValidateNested() @Type(() => MoneyDto) amount!: MoneyDto;
}

export class KeyAccountDto extends CommandBodyDto {
  @ApiProperty() @IsBoolean() keyAccount!: boolean;
}
