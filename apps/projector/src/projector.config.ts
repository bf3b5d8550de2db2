// The projector's settings, validated at start with the rest of the configuration.
import type { EnvReader } from '#platform';
import { REBUILD_ORDERS, type RebuildOrder } from '#projections';
import { readRoutingRules, type RoutingRule } from './auto-qualification/routing-rules.js';

export interface ProjectorConfig {
  /** PROJECTOR_ENABLED=false: serve reads only (another instance runs the projections). */
  readonly run: boolean;
  readonly batchSize: number;
  readonly rebuildBatchSize: number;
  readonly rebuildOrder: RebuildOrder;
  readonly routingRules: readonly RoutingRule[];
}

export const readProjectorConfig = (env: EnvReader): ProjectorConfig => ({
  run: env.oneOf('PROJECTOR_ENABLED', ['true', 'false'], 'true') === 'true',
  batchSize: env.integer('PROJECTION_BATCH_SIZE', 500, { min: 1, max: 10_000 }),
  rebuildBatchSize: env.integer('PROJECTION_REBUILD_BATCH_SIZE', 2000, { min: 1, max: 10_000 }),
  rebuildOrder: env.oneOf('PROJECTION_REBUILD_ORDER', REBUILD_ORDERS, 'stream'),
  routingRules: readRoutingRules(env),
});
