// Every metric of API.md "Queries", by name.
import { funnelMetric, leadsBySourceMetric, nurtureTracksMetric, pipelineConversionMetric, timeInStageMetric } from './funnel-metrics.js';
import { upsellMetric } from './expansion-metrics.js';
import type { MetricDefinition } from './metric-definition.js';
import {
  coverageMetric, dealSizeMetric, dealStagesMetric, leadRoiMetric, quotaAttainmentMetric, revenueByProductMetric,
  salesGrowthMetric, velocityMetric, winRateMetric,
} from './sales-metrics.js';

export const METRICS: readonly MetricDefinition[] = [
  funnelMetric, timeInStageMetric, velocityMetric, coverageMetric, winRateMetric, pipelineConversionMetric,
  salesGrowthMetric, quotaAttainmentMetric, leadsBySourceMetric, leadRoiMetric, nurtureTracksMetric, upsellMetric,
  revenueByProductMetric, dealSizeMetric, dealStagesMetric,
];

export const METRIC_NAMES = METRICS.map((metric) => metric.name);
