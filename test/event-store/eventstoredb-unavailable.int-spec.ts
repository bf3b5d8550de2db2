// The KurrentDB adapter when no server answers: every operation fails fast with
// EventStoreUnavailable, and a subscription reports it and keeps retrying until stopped. Runs
// everywhere (a closed local port), unlike the conformance suite, which needs a server.
import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore, EventStoreUnavailable, START } from '#event-store';
import { freePort } from '../support/free-port.js';
import { eventually, newEvent } from './conformance-fixtures.js';

describe('KurrentDB adapter, server unreachable', () => {
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    store = EventStoreDbEventStore.connect(`esdb://127.0.0.1:${await freePort()}?tls=false`, undefined, { maxRetryDelayMs: 100 });
  });
  afterAll(async () => {
    await store.close();
  });

  it.each([
    ['append', () => store.append(`lead-${randomUUID()}`, [newEvent()], { expectedRevision: 'no_stream' })],
    ['readStream', () => store.readStream(`lead-${randomUUID()}`)],
    ['streamRevision', () => store.streamRevision(`lead-${randomUUID()}`)],
    ['readAll', () => store.readAll({ after: START, limit: 10, streamPrefixes: ['lead-'] })],
    ['findEvent', () => store.findEvent(randomUUID())],
    ['headPosition', () => store.headPosition()],
  ] as const)('%s rejects with EventStoreUnavailable within 2 s', async (_, operation) => {
    const started = Date.now();
    const error = await operation().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a subscription reports EventStoreUnavailable, retries with backoff, and stops', async () => {
    const errors: unknown[] = [];
    const subscription = store.subscribe({ after: START, streamPrefixes: ['lead-'], onEvents: async () => undefined, onError: (error) => errors.push(error) });
    await eventually(() => expect(errors.length).toBeGreaterThanOrEqual(3), 5000);
    await subscription.stop();
    for (const error of errors) expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect(subscription.position()).toBe(START);
  });
});
