import type { EnvReader } from '#platform';
import type { ReadWaitOptions } from '#projections';

/** READ_WAIT_MS: how long a query with minPosition waits for the read models before answering 503. */
export const readQueryServiceConfig = (env: EnvReader): { readonly readWait: ReadWaitOptions } => ({
  readWait: { maxWaitMs: env.integer('READ_WAIT_MS', 2000, { min: 0, max: 30_000 }), pollMs: 20 },
});
