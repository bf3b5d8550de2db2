// GET /v1/metrics/{name} (API.md "Queries"): JSON, or CSV with `Accept: text/csv`.
import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '#platform';
import { METRICS, METRIC_NAMES } from './metric-catalog.js';
import { MetricQuery } from './metric-query.dto.js';
import { metricAnswerCsv } from './metrics-csv.js';
import { MetricsService } from './metrics.service.js';

const MIN_POSITION_HEADER = 'x-min-position';

const DESCRIPTION = [
  'Every answer: `{ metric, computedUpTo, from, to, tz, groupBy, filters, ...figures, series? }`. `computedUpTo` is the',
  'global position of the funnel projection the figures reflect; `from`/`to` the exact UTC bounds of the half-open window;',
  'with `groupBy`, `series` holds the same figures per bucket. Each ratio is `{ value, numerator, denominator, reason? }`,',
  'value null with a reason when the denominator is 0. Money is integer minor units, one row per currency.',
  '',
  ...METRICS.map((m) => `- \`${m.name}\`: ${m.summary}. Parameters: ${m.options.join(', ') || 'none'}.`),
].join('\n');

@ApiTags('metrics')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Min-Position', required: false, description: 'Same as the minPosition query parameter' })
@Roles('leader', 'auditor')
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get(':name')
  @ApiOperation({ summary: 'A funnel or sales metric over a period, optionally as a series', description: DESCRIPTION })
  @ApiParam({ name: 'name', enum: METRIC_NAMES })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'The metric (JSON), or one CSV row per period and list item with `Accept: text/csv`' })
  async metric(
    @Param('name') name: string,
    @Query() query: MetricQuery,
    @Res({ passthrough: true }) response: FastifyReply,
    @Headers('accept') accept?: string,
    @Headers(MIN_POSITION_HEADER) minPosition?: string,
  ): Promise<Record<string, unknown> | string> {
    const answer = await this.metrics.answer(name, { ...query, minPosition: query.minPosition ?? minPosition }, new Date());
    if (accept?.includes('text/csv')) {
      response.type('text/csv; charset=utf-8');
      response.header('Content-Disposition', `inline; filename="${answer.metric as string}.csv"`);
      return metricAnswerCsv(answer);
    }
    return answer;
  }
}
