// Events and helpers shared by the conformance suite's sections.
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '#event-store';

export function newEvent(overrides: Partial<NewEvent> & { occurredAt?: string } = {}): NewEvent {
  const { occurredAt = '2026-11-25T10:00:00.000Z', ...rest } = overrides;
  return {
    eventId: randomUUID(),
    type: 'LeadScored',
    schemaVersion: 1,
    data: { score: 42 },
    metadata: { correlationId: randomUUID(), causationId: null, actor: 'system:conformance', occurredAt },
    ...rest,
  };
}

export function events(count: number): NewEvent[] {
  return Array.from({ length: count }, () => newEvent());
}

/** A stream-id prefix no other test uses, so global reads can be filtered to one test's events. */
export function uniquePrefix(): string {
  return `t${randomUUID().slice(0, 8)}-`;
}

/** Every event after `after`, read in pages of `pageSize`. */
export async function readAllPages(store: EventStore, prefix: string, pageSize: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after = '0'; ; ) {
    const page = await store.readAll({ after, limit: pageSize, streamPrefixes: [prefix] });
    if (page.events.length === 0) return all;
    expect(page.events.length).toBeLessThanOrEqual(pageSize);
    all.push(...page.events);
    after = page.next;
  }
}

/**
 * A subscription that collects what it is given; `until` resolves once it holds `count` events.
 * With `stopAfter` it stops itself once it holds that many, as a consumer shut down mid-way.
 */
export function collectingSubscription(
  store: EventStore,
  prefix: string,
  after = '0',
  batchSize = 50,
  stopAfter = Infinity,
): { received: RecordedEvent[]; errors: unknown[]; subscription: Subscription; until: (count: number) => Promise<void> } {
  const received: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription = store.subscribe({
    after,
    batchSize,
    streamPrefixes: [prefix],
    onEvents: async (batch) => {
      received.push(...batch);
      // Not awaited: stop() waits for this very callback to return.
      if (received.length >= stopAfter) void subscription.stop();
    },
    onError: (error) => errors.push(error),
  });
  const until = (count: number): Promise<void> =>
    eventually(() => {
      if (received.length < count) throw new Error(`received ${received.length} of ${count} events`);
    });
  return { received, errors, subscription, until };
}

/** Retries an assertion until it passes or the timeout ends (no fixed sleeps). */
export async function eventually(assertion: () => void | Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export function ids(recorded: readonly NewEvent[]): string[] {
  return recorded.map((event) => event.eventId);
}
