// Answers GET /v1/metrics/{name}: resolves the window and the options the metric takes, waits for
// the read models when a minimum position is asked, and computes the window and each bucket of the
// series from one snapshot of the read models.
import { Injectable } from '@nestjs/common';
import { PipelineCatalog } from '#commands';
import { InvalidRequest, NotFound } from '#platform';
import { ReadPosition } from '#projections';
import { FUNNEL_PROJECTION, MetricsReadModel, type FunnelFilter } from '#read-models';
import { METRICS } from './metric-catalog.js';
import type { MetricDefinition, MetricOptions } from './metric-definition.js';
import { METRIC_OPTIONS, type MetricQuery } from './metric-query.dto.js';
import { metricWindow } from './metric-window.js';

const DEFAULT_STALLED_AFTER_DAYS = 30;
const DEFAULT_STALLED_LIMIT = 100;

@Injectable()
export class MetricsService {
  constructor(
    private readonly readModel: MetricsReadModel,
    private readonly position: ReadPosition,
    private readonly catalog: PipelineCatalog,
  ) {}

  async answer(name: string, query: MetricQuery, now: Date): Promise<Record<string, unknown>> {
    const metric = METRICS.find((m) => m.name === name);
    if (!metric) throw new NotFound(`no metric named "${name}"; metrics: ${METRICS.map((m) => m.name).join(', ')}`);
    const window = metricWindow(query, now.getTime());
    const options = this.options(metric, query);
    const filter: FunnelFilter = {
      ...(query.source !== undefined && { source: query.source }),
      ...(query.campaignId !== undefined && { campaignId: query.campaignId }),
      ...(query.ownerId !== undefined && { ownerId: query.ownerId }),
      ...(query.track !== undefined && { track: query.track }),
    };
    await this.position.await([FUNNEL_PROJECTION], query.minPosition);
    return this.readModel.snapshot(async (snapshot) => {
      const computedUpTo = await snapshot.computedUpTo();
      const prepared = await metric.prepare({ snapshot, window, filter, options, pipelines: this.catalog.all, now: now.toISOString() });
      const total = await prepared.compute(window);
      const series = [];
      for (const bucket of window.buckets) series.push({ from: bucket.from, to: bucket.to, ...(await prepared.compute(bucket)) });
      return {
        metric: metric.name, computedUpTo, from: window.from, to: window.to, tz: window.tz, groupBy: window.groupBy,
        filters: Object.fromEntries(METRIC_OPTIONS.filter((key) => query[key] !== undefined).map((key) => [key, query[key]])),
        ...total,
        ...prepared.extra,
        ...(window.groupBy !== null && { series }),
      };
    });
  }

  /** The metric's options with defaults; a parameter the metric does not take is a 400 naming it. */
  private options(metric: MetricDefinition, query: MetricQuery): MetricOptions {
    const refused = METRIC_OPTIONS.filter((key) => query[key] !== undefined && !metric.options.includes(key));
    if (refused.length > 0) {
      throw new InvalidRequest(refused.map((field) => ({
        field, message: `is not a parameter of ${metric.name}; it takes ${metric.options.join(', ') || 'no filter'} besides from, to, period, groupBy, tz`,
      })));
    }
    return {
      mode: query.mode ?? 'cohort',
      ...(query.currency !== undefined && { currency: query.currency }),
      ...(query.pipeline !== undefined && { pipeline: this.catalog.require(query.pipeline, 'pipeline') }),
      stalledAfterDays: query.stalledAfterDays ?? DEFAULT_STALLED_AFTER_DAYS,
      stalledLimit: query.stalledLimit ?? DEFAULT_STALLED_LIMIT,
    };
  }
}
