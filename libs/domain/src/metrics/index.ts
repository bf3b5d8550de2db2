// Metric formulas of DOMAIN.md "Funnel and sales metrics": pure functions over plain records that
// read models keep. Periods are half-open [from, to); money stays integer minor units, one currency at a time.
export * from './ratio.js';
export * from './period.js';
export * from './statistics.js';
export * from './journey.js';
export * from './deals.js';
export * from './stage-conversion.js';
export * from './funnel.js';
export * from './time-in-stage.js';
export * from './sales-cycle.js';
export * from './win-rate.js';
export * from './losses.js';
export * from './deal-stage-funnel.js';
export * from './deal-size.js';
export * from './velocity.js';
export * from './coverage.js';
export * from './pipeline-conversion.js';
export * from './sales-growth.js';
export * from './quota-attainment.js';
export * from './lead-sources.js';
export * from './lead-roi.js';
export * from './nurture-tracks.js';
export * from './upsell.js';
export * from './revenue-by-product.js';
