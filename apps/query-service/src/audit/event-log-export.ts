// The global log as NDJSON, one event per line in delivery order. Memory stays constant whatever
// the size: Nest sends what a route returns as an async iterable with back-pressure, so the next
// page is read only once the client took the previous one, and a client that goes away stops the
// reading. Each line carries its `position`; a client that lost the connection resumes from the last one.
import type { EventStore, GlobalPosition, ReadAllPage } from '#event-store';
import { toAuditEvent } from './audit-event.js';

const PAGE_SIZE = 500;

export const NDJSON = 'application/x-ndjson';

async function* lines(store: EventStore, first: ReadAllPage, limit: number): AsyncGenerator<string> {
  let page = first;
  let remaining = limit;
  while (page.events.length > 0) {
    for (const event of page.events) yield `${JSON.stringify(toAuditEvent(event))}\n`;
    remaining -= page.events.length;
    if (remaining <= 0) return;
    page = await store.readAll({ after: page.next, limit: Math.min(PAGE_SIZE, remaining) });
  }
}

/**
 * The lines of the events after `from` (at most `limit`) that are visible when each page is read.
 * The first page is read before this resolves, so a bad position still gets a proper problem
 * answer; a failure after that can only cut the connection (Nest does, and logs it).
 */
export const exportEventLog = async (
  store: EventStore,
  from: GlobalPosition,
  limit: number = Number.POSITIVE_INFINITY,
): Promise<AsyncIterable<string>> =>
  lines(store, await store.readAll({ after: from, limit: Math.min(PAGE_SIZE, limit) }), limit);
