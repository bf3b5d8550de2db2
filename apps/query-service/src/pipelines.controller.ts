import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PipelineCatalog } from '#commands';
import type { Pipeline } from '#domain';
import { Roles } from '#platform';

@ApiTags('lead queries')
@ApiBearerAuth()
@Roles('sales', 'auditor')
@Controller('v1/pipelines')
export class PipelinesController {
  constructor(private readonly catalog: PipelineCatalog) {}

  @Get()
  @ApiOperation({ summary: 'The configured deal pipelines with their stages and win probabilities' })
  list(): { items: readonly Pipeline[]; nextCursor: null } {
    return { items: this.catalog.all, nextCursor: null };
  }
}
