// The pure lead domain: no framework, no I/O, no clock.
export * from './commands.js';
export * from './errors.js';
export * from './events.js';
export * from './lead-id.js';
export * from './lead-profile.js';
export * from './lead-state.js';
export * from './lead.decider.js';
export * from './lifecycle.js';
export * from './money.js';
export * from './personal-data.js';
export * from './pipelines.js';
export * from './planning.decider.js';
export * from './products.js';
export * from './scoring/index.js';
export * from './upcasters.js';
export * as metrics from './metrics/index.js';
