// Read routes of leads and scores (API.md "Queries"): validate, authorize, ask LeadQueries.
import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#platform';
import { LeadListQuery, MinPositionQuery, ScoreQuery, SignalsQuery } from './dto/lead-queries.dto.js';
import { LeadQueries } from './lead-queries.service.js';

const MIN_POSITION_HEADER = 'x-min-position';

@ApiTags('lead queries')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Min-Position', required: false, description: 'Same as the minPosition query parameter' })
@Roles('sales', 'auditor')
@Controller('v1')
export class LeadsQueryController {
  constructor(private readonly queries: LeadQueries) {}

  @Get('leads')
  @ApiOperation({ summary: 'Leads, newest first, filtered; cursor pagination' })
  list(@Query() query: LeadListQuery, @Headers(MIN_POSITION_HEADER) header?: string) {
    return this.queries.list(query, query.minPosition ?? header, new Date().toISOString());
  }

  @Get('leads/:id')
  @ApiOperation({ summary: 'One lead: stage, owner, score now, stage history and more' })
  one(@Param('id') id: string, @Query() query: MinPositionQuery, @Headers(MIN_POSITION_HEADER) header?: string) {
    return this.queries.one(id, query.minPosition ?? header, new Date().toISOString());
  }

  @Get('leads/:id/score')
  @ApiOperation({ summary: 'The score now (or asOf), its fit and behaviour parts, the rule breakdown and the score history' })
  score(@Param('id') id: string, @Query() query: ScoreQuery, @Headers(MIN_POSITION_HEADER) header?: string) {
    return this.queries.score(id, query.minPosition ?? header, query.asOf === undefined ? new Date().toISOString() : new Date(query.asOf).toISOString());
  }

  @Get('signals')
  @ApiOperation({ summary: 'A rep\'s buying-signal feed, newest first (signals of the last week)' })
  signals(@Query() query: SignalsQuery, @Headers(MIN_POSITION_HEADER) header?: string) {
    return this.queries.signals(query.ownerId, query.minPosition ?? header, new Date().toISOString());
  }
}
