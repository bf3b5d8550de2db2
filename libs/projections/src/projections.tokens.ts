import type { Projection } from './projection.js';
import type { RebuildOrder } from './rebuild.js';

/** The projections (and process managers) an app runs: provided by the app module as an array. */
export const PROJECTIONS = Symbol('PROJECTIONS');
export type ProjectionList = readonly Projection[];

export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');

export interface ProjectionsOptions {
  /** false: this process serves reads only and runs no runner (another instance projects). */
  readonly run: boolean;
  readonly batchSize: number;
  /** Events per transaction of a rebuild's replay into fresh tables (no reader waits on it: larger). */
  readonly rebuildBatchSize: number;
  readonly rebuildOrder: RebuildOrder;
}
