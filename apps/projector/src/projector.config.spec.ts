import { ConfigError, readConfig, type Env } from '#platform';
import { readProjectorConfig } from './projector.config.js';

const read = (env: Env) => readConfig(env, readProjectorConfig);

describe('projector configuration', () => {
  it('runs the projections, rebuilding stream by stream, unless told otherwise', () => {
    expect(read({})).toEqual({ run: true, batchSize: 500, rebuildBatchSize: 2000, rebuildOrder: 'stream', routingRules: [] });
    expect(read({ PROJECTOR_ENABLED: 'false', PROJECTION_BATCH_SIZE: '50', PROJECTION_REBUILD_BATCH_SIZE: '300', PROJECTION_REBUILD_ORDER: 'delivery' }))
      .toEqual({ run: false, batchSize: 50, rebuildBatchSize: 300, rebuildOrder: 'delivery', routingRules: [] });
  });

  it('names every bad variable at once', () => {
    expect(() => read({ PROJECTION_REBUILD_ORDER: 'random', PROJECTION_REBUILD_BATCH_SIZE: '0' })).toThrow(new ConfigError([
      'PROJECTION_REBUILD_BATCH_SIZE must be an integer from 1 to 10000, got "0"',
      'PROJECTION_REBUILD_ORDER must be one of stream, delivery, got "random"',
    ]));
  });
});
