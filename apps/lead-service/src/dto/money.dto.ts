import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { isCurrencyCode } from '#domain';

export class MoneyDto {
  @ApiProperty({ description: 'Integer minor units (cents); never a float', example: 1250000 })
  @IsInt({ message: 'must be an integer number of minor units' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  value!: number;

  @ApiProperty({ description: 'ISO 4217 currency code', example: 'EUR' })
  @ValidateBy({ name: 'isCurrencyCode', validator: { validate: isCurrencyCode, defaultMessage: () => 'must be an ISO 4217 currency code such as EUR' } })
  currency!: string;
}

export class ProductLineDto {
  @ApiProperty({ example: 'crm-pro' })
  @IsString()
  @Length(1, 100)
  sku!: string;

  @ApiProperty({ required: false, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity?: number;

  @ApiProperty({ required: false, type: MoneyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount?: MoneyDto;
}
