// What a metric is to the API: its name, the options it takes, and how it loads the records of a
// whole window once and then computes any period inside it with the domain's formulas.
import type { metrics, Pipeline } from '#domain';
import type { FunnelFilter, MetricsSnapshot } from '#read-models';
import type { MetricOption } from './metric-query.dto.js';
import type { MetricWindow } from './metric-window.js';

export interface MetricOptions {
  readonly mode: metrics.CountingMode;
  readonly currency?: string;
  readonly pipeline?: Pipeline;
  readonly stalledAfterDays: number;
  readonly stalledLimit: number;
}

export interface MetricContext {
  readonly snapshot: MetricsSnapshot;
  readonly window: MetricWindow;
  readonly filter: FunnelFilter;
  readonly options: MetricOptions;
  readonly pipelines: readonly Pipeline[];
  /** ISO instant of the request: what "open now" and "stalled" are measured against. */
  readonly now: string;
}

export type MetricFields = Record<string, unknown>;

export interface PreparedMetric {
  /** The metric over one period of the window (the window itself, or one bucket of the series). */
  readonly compute: (period: metrics.Period) => Promise<MetricFields> | MetricFields;
  /** Fields about the window as a whole, not per period (e.g. the stalled leads now). */
  readonly extra?: MetricFields;
}

export interface MetricDefinition {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly MetricOption[];
  readonly prepare: (context: MetricContext) => Promise<PreparedMetric>;
}

/** Keeps the rows of one currency when the request names one. */
export const inCurrency = <T extends { readonly currency: string }>(rows: readonly T[], currency: string | undefined): T[] =>
  rows.filter((row) => currency === undefined || row.currency === currency);

/** The currencies among amounts, narrowed to the requested one. */
export const currenciesAsked = (amounts: readonly { readonly currency: string }[], currency: string | undefined): string[] =>
  currency === undefined ? [...new Set(amounts.map((a) => a.currency))].sort() : [currency];

export const FILTERS: readonly MetricOption[] = ['source', 'campaignId', 'ownerId', 'track'];
