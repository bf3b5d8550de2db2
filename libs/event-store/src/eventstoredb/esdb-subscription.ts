// A catch-up subscription on $all: KurrentDB filters streams on the server, sends what is stored
// after the position, then follows live appends. Events are handed over in batches of what has
// arrived (at most batchSize), the next batch only after the previous one's onEvents resolved.
// Any error (the store's, or onEvents') is reported, and the subscription starts again from the
// last delivered position after a backoff (doubling from 50 ms up to maxRetryDelayMs).
import {
  START as ESDB_START,
  streamNameFilter,
  type AllStreamRecordedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { GlobalPosition, RecordedEvent, Subscription, SubscriptionOptions } from '../event-store.port.js';
import { toStoreError } from './esdb-errors.js';
import { formatEsdbPosition, parseEsdbPosition } from './esdb-position.js';
import type { StreamNames } from './esdb-stream-names.js';

export interface SubscriptionDeps {
  readonly client: EventStoreDBClient;
  readonly names: StreamNames;
  /** A $all event of one of this store's streams, in its stored form. */
  readonly toStored: (event: AllStreamRecordedEvent, streamId: string) => RecordedEvent;
  /** A batch of stored events decoded for callers, at once. */
  readonly decode: (events: readonly RecordedEvent[]) => Promise<readonly RecordedEvent[]>;
  readonly maxRetryDelayMs: number;
}

const FIRST_RETRY_DELAY_MS = 50;

export function startEsdbSubscription(deps: SubscriptionDeps, options: SubscriptionOptions): Subscription {
  const batchSize = options.batchSize ?? 100;
  let delivered: GlobalPosition = options.after;
  let current: AllStreamSubscription | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;

  const runOnce = async (): Promise<void> => {
    const from = parseEsdbPosition(delivered);
    const subscription = deps.client.subscribeToAll({
      fromPosition: from === 'start' ? ESDB_START : from,
      resolveLinkTos: false,
      filter: streamNameFilter({ regex: deps.names.filterRegex(options.streamPrefixes) }),
    });
    // An error after the loop has left (while stopping) must not become an unhandled 'error' event.
    subscription.on('error', () => undefined);
    current = subscription;
    if (stopped) await subscription.unsubscribe();
    let batch: RecordedEvent[] = [];
    for await (const resolved of subscription) {
      const event = resolved.event;
      const streamId = event === undefined ? null : deps.names.portId(event.streamId);
      // The filter already left other streams out; the check is the client's own, so a filter the
      // server applied differently can never leak claim or system streams. Positions at or before
      // the last delivered one are a resumed subscription's overlap.
      if (event !== undefined && streamId !== null && formatEsdbPosition(event.position) > delivered) {
        batch.push(deps.toStored(event, streamId));
      }
      if (batch.length > 0 && (batch.length >= batchSize || subscription.readableLength === 0)) {
        await options.onEvents(await deps.decode(batch));
        delivered = batch[batch.length - 1].position; // decoding keeps the positions
        batch = [];
      }
      if (stopped) break;
    }
  };

  const pause = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, ms);
    });

  const loop = (async () => {
    let delay = FIRST_RETRY_DELAY_MS;
    while (!stopped) {
      try {
        await runOnce();
        // The server ended the subscription without an error (it should not): start again, unhurried.
        delay = FIRST_RETRY_DELAY_MS;
        if (!stopped) await pause(delay);
      } catch (error) {
        if (stopped) break;
        options.onError?.(toStoreError(error));
        await pause(delay);
        delay = Math.min(delay * 2, deps.maxRetryDelayMs);
      }
    }
  })();

  return {
    position: () => delivered,
    stop: async () => {
      stopped = true;
      wake?.();
      await current?.unsubscribe().catch(() => undefined);
      await loop;
    },
  };
}
