import { ConfigError, readConfig, type Env } from './env-reader.js';
import { readEventStoreConfig } from './event-store.config.js';

const read = (env: Env) => readConfig(env, readEventStoreConfig);

describe('EVENT_STORE / EVENTSTORE_URL', () => {
  it('defaults to PostgreSQL', () => {
    expect(read({})).toEqual({ kind: 'postgres' });
    expect(read({ EVENT_STORE: 'postgres', EVENTSTORE_URL: 'esdb://ignored:2113' })).toEqual({ kind: 'postgres' });
  });

  it('takes EventStoreDB with its connection string', () => {
    expect(read({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://es.internal:2113?tls=false' })).toEqual({
      kind: 'eventstoredb', url: 'esdb://es.internal:2113?tls=false',
    });
    expect(read({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb+discover://a:2113,b:2113' })).toMatchObject({ kind: 'eventstoredb' });
  });

  it.each([
    [{ EVENT_STORE: 'eventstoredb' }, /EVENTSTORE_URL is required/],
    [{ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://es:2113' }, /EVENTSTORE_URL must be an esdb:\/\//],
    [{ EVENT_STORE: 'esdb' }, /EVENT_STORE must be one of postgres, eventstoredb/],
  ])('names the bad variable: %p', (env, message) => {
    expect(() => read(env)).toThrow(ConfigError);
    expect(() => read(env)).toThrow(message);
  });
});
