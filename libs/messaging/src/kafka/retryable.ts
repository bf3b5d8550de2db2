// Which failures mean "try again later" (pause, back off, commit nothing) rather than "this message
// can never succeed" (dead-letter it and go on).
import { EventStoreUnavailable, isDatabaseUnavailable } from '#event-store';
import { ConcurrencyConflict } from '#platform';
import { KafkaJSError } from 'kafkajs';

export const isRetryable = (error: unknown): boolean =>
  error instanceof EventStoreUnavailable ||
  error instanceof ConcurrencyConflict ||
  isDatabaseUnavailable(error) ||
  (error instanceof KafkaJSError && error.retriable);

/** Exponential backoff: 100 ms, 200 ms, … up to `maxMs`. */
export const backoffDelay = (failures: number, maxMs: number): number => Math.min(100 * 2 ** Math.max(failures - 1, 0), maxMs);
