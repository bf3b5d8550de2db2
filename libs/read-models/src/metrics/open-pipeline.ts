// The open pipeline as the funnel projection keeps it (rm_open_pipeline_changes and _sums, in
// metrics.migrations.ts): which filter of the metrics API each summed dimension answers, and the
// column of the change rows it comes from.
import type { FunnelFilter } from '../funnel/funnel-read-model.js';

export type OpenPipelineDimension = 'owner' | 'source' | 'campaign' | 'track';

/** Columns of rm_open_pipeline_changes holding the lead's dimensions at the change ('' = none). */
export type OpenPipelineColumn = 'owner_id' | 'source' | 'campaign_id' | 'nurture_track';

export const OPEN_PIPELINE_DIMENSIONS: Readonly<Record<keyof FunnelFilter, { readonly dimension: OpenPipelineDimension; readonly column: OpenPipelineColumn }>> = {
  ownerId: { dimension: 'owner', column: 'owner_id' },
  source: { dimension: 'source', column: 'source' },
  campaignId: { dimension: 'campaign', column: 'campaign_id' },
  track: { dimension: 'track', column: 'nurture_track' },
};

/** The open opportunities of one currency at an instant, and their amounts summed (minor units). */
export interface OpenPipeline {
  readonly opportunities: number;
  readonly value: number;
}
