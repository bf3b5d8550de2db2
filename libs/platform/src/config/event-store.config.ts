// Which event store adapter the process uses: PostgreSQL (default, DATABASE_URL) or EventStoreDB /
// KurrentDB (EVENT_STORE=eventstoredb with EVENTSTORE_URL). Read models, idempotency keys and the
// personal-data keys stay in PostgreSQL either way.
import type { EnvReader } from './env-reader.js';

export type EventStoreConfig = { readonly kind: 'postgres' } | { readonly kind: 'eventstoredb'; readonly url: string };

// The schemes @eventstore/db-client 6.2 parses; it refuses anything else only when connecting.
const ESDB_URL = /^esdb(\+discover)?:\/\/[^/?#\s]+/;

export const readEventStoreConfig = (env: EnvReader): EventStoreConfig => {
  const kind = env.oneOf('EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres');
  if (kind === 'postgres') return { kind };
  const url = env.string('EVENTSTORE_URL');
  if (url === undefined) {
    env.problem('EVENTSTORE_URL is required when EVENT_STORE=eventstoredb (e.g. esdb://host:2113?tls=false)');
  } else if (!ESDB_URL.test(url)) {
    env.problem(`EVENTSTORE_URL must be an esdb:// or esdb+discover:// connection string, got "${url}"`);
  }
  return { kind, url: url ?? '' };
};
