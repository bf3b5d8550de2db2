// A catch-up subscription: reads pages from its checkpoint, then waits for a notification or the
// polling interval. Events become readable only once every older transaction has ended, so after a
// short page it checks for committed events still hidden behind a running transaction and polls
// quickly until they show, rather than sleeping a full interval.
import type { Pool, PoolClient } from 'pg';
import type { GlobalPosition, ReadAllPage, Subscription, SubscriptionOptions } from '../event-store.port.js';
import { WakeableSleep } from '../wakeable-sleep.js';

export interface SubscriptionSource {
  readonly pool: Pool;
  readonly readPage: (after: GlobalPosition, limit: number, streamPrefixes?: readonly string[]) => Promise<ReadAllPage>;
  /** True while committed events exist that readers cannot see yet. */
  readonly hasHiddenEvents: () => Promise<boolean>;
}

export interface SubscriptionTiming {
  readonly pollIntervalMs: number;
  readonly maxRetryDelayMs: number;
}

/** es_append notifies here at commit. */
const EVENTS_CHANNEL = 'es_events';
const DEFAULT_BATCH_SIZE = 500;
const FIRST_RETRY_DELAY_MS = 50;
const FIRST_HIDDEN_POLL_MS = 2;

export function startCatchUpSubscription(
  source: SubscriptionSource,
  options: SubscriptionOptions,
  timing: SubscriptionTiming,
): Subscription {
  const subscription = new CatchUpSubscription(source, options, timing);
  const running = subscription.run();
  return {
    position: () => subscription.checkpoint,
    stop: async () => {
      subscription.stop();
      await running;
    },
  };
}

class CatchUpSubscription {
  checkpoint: GlobalPosition;
  private stopped = false;
  private listener: PoolClient | null = null;
  private readonly sleep = new WakeableSleep();
  private notified = false;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscriptionOptions,
    private readonly timing: SubscriptionTiming,
  ) {
    this.checkpoint = options.after;
  }

  stop(): void {
    this.stopped = true;
    this.sleep.wake();
  }

  async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let failures = 0;
    let hiddenPolls = 0;
    while (!this.stopped) {
      try {
        await this.ensureListening();
        this.notified = false;
        const page = await this.source.readPage(this.checkpoint, batchSize, this.options.streamPrefixes);
        if (page.events.length > 0) {
          if (this.stopped) break;
          await this.options.onEvents(page.events);
          this.checkpoint = page.next;
        }
        failures = 0;
        if (page.events.length === batchSize) continue;
        if (await this.source.hasHiddenEvents()) {
          await this.pause(Math.min(FIRST_HIDDEN_POLL_MS * 2 ** hiddenPolls++, this.timing.pollIntervalMs));
          continue;
        }
        hiddenPolls = 0;
        await this.pause(this.timing.pollIntervalMs);
      } catch (error) {
        this.options.onError?.(error);
        this.dropListener();
        await this.pause(Math.min(FIRST_RETRY_DELAY_MS * 2 ** failures++, this.timing.maxRetryDelayMs), false);
      }
    }
    this.dropListener();
  }

  /**
   * Waits for the delay, stop() or, when `untilNotified`, a notification. A retry after a failure
   * waits its whole delay: its listener is dropped, and a dropped listener's notifications are
   * ignored (below).
   */
  private async pause(ms: number, untilNotified = true): Promise<void> {
    if (this.stopped || (untilNotified && this.notified)) return;
    await this.sleep.sleep(ms);
  }

  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const client = await this.source.pool.connect();
    // A dropped connection is reported here and by the next query; the loop reconnects.
    client.on('error', () => {
      if (this.listener === client) this.dropListener();
    });
    client.on('notification', () => {
      if (this.listener !== client) return;
      this.notified = true;
      this.sleep.wake();
    });
    try {
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    this.listener = client;
  }

  private dropListener(): void {
    const client = this.listener;
    this.listener = null;
    // Destroyed rather than returned: a pooled connection must not keep listening.
    client?.release(true);
  }
}
