// The global log as NDJSON, one event per line in delivery order. Memory stays constant whatever
// the size: a page is read only once the client took the previous one (write back-pressure).
// Each line carries its `position`; a client that lost the connection resumes from the last one.
import type { Response } from 'express';
import type { EventStore, GlobalPosition } from '#event-store';
import { toAuditEvent } from './audit-event.js';

const PAGE_SIZE = 500;

/** Resolves when the client took what was buffered, or went away. */
const drained = (response: Response): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });

export const NDJSON = 'application/x-ndjson';

/**
 * Streams the events after `from` (at most `limit`) that are visible when each page is read. The
 * first page is read before anything is sent, so a bad position still gets a proper problem answer.
 */
export const exportEventLog = async (
  store: EventStore,
  response: Response,
  from: GlobalPosition,
  limit: number = Number.POSITIVE_INFINITY,
): Promise<void> => {
  let page = await store.readAll({ after: from, limit: Math.min(PAGE_SIZE, limit) });
  let remaining = limit;
  let closed = false;
  response.on('close', () => { closed = true; });
  response.status(200).type(NDJSON);
  try {
    while (page.events.length > 0 && !closed) {
      for (const event of page.events) {
        if (closed) break;
        if (!response.write(`${JSON.stringify(toAuditEvent(event))}\n`)) await drained(response);
      }
      remaining -= page.events.length;
      if (remaining <= 0 || closed) break;
      page = await store.readAll({ after: page.next, limit: Math.min(PAGE_SIZE, remaining) });
    }
    response.end();
  } catch (error) {
    // Headers are gone: cutting the connection is the only way left to say the export is incomplete.
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
};
