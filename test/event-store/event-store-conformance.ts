// The contract every EventStore adapter passes, run by a factory per adapter (STYLE.md 10).
import type { EventStore } from '#event-store';
import { describeAppends } from './conformance-appends.js';
import { describeConcurrency } from './conformance-concurrency.js';
import { describeGlobalOrder } from './conformance-global-order.js';
import { describeOutage } from './conformance-outage.js';
import { describeReads } from './conformance-reads.js';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  /** Makes the store unreachable until the returned function brings it back. */
  readonly interrupt: () => Promise<() => Promise<void>>;
  readonly close: () => Promise<void>;
}

/** Each call yields a store over empty storage. */
export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

/** Lets each section reach the store that beforeAll created. */
export type Subject = () => EventStoreUnderTest;

export function describeEventStoreConformance(adapter: string, factory: EventStoreFactory): void {
  describe(`EventStore conformance: ${adapter}`, () => {
    let underTest: EventStoreUnderTest | undefined;
    beforeAll(async () => {
      underTest = await factory();
    });
    afterAll(async () => {
      await underTest?.close();
    });
    const subject: Subject = () => {
      if (!underTest) throw new Error('the store under test was not created');
      return underTest;
    };
    describeAppends(subject);
    describeReads(subject, factory);
    describeConcurrency(subject);
    describeGlobalOrder(subject);
    describeOutage(subject);
  });
}
