// Where each stream began: the first event of every stream, in position order. A rebuild reads the
// store stream by stream; walked in stream-id order (the primary key), streams that were written at
// the same time, and so share heap pages, come far apart, and a store larger than the server's
// buffers was read one random heap page per event (14 µs an event at 1,000,000, docs/PERFORMANCE.md).
// Taken in the order they began, streams written together are read together. Partial: one entry
// a stream, not one an event, so appends pay for it once per new stream. Built CONCURRENTLY, so a
// large store goes on taking appends while it is built (about 1 s per million events here).
import type { Migration } from '../migration-runner.js';

export const streamStarts: Migration = {
  id: 'event-store/0006-stream-starts',
  transaction: false,
  statements: [
    // a build that failed part way leaves an invalid index under this name
    'DROP INDEX CONCURRENTLY IF EXISTS es_events_stream_starts',
    'CREATE INDEX CONCURRENTLY es_events_stream_starts ON es_events (position) INCLUDE (stream_id, tx_id) WHERE revision = 1',
  ],
};
