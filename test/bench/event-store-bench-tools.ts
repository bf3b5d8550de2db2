// Measuring helpers for the event store benchmark: timed concurrent loops, percentiles, JSON lines.
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '#event-store';

export interface Measurement {
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Runs `operation` in `concurrency` loops for `seconds`; latency is per call of `operation`. */
export async function runFor(
  seconds: number,
  concurrency: number,
  operation: (worker: number) => Promise<void>,
): Promise<Measurement> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const before = performance.now();
        await operation(worker);
        latencies.push(performance.now() - before);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    seconds: round(elapsed),
    perSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
  };
}

export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function report(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A lead-sized event: about 400 bytes of JSON (data + metadata). */
export function benchEvent(sequence: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'LeadScoreChanged',
    schemaVersion: 1,
    data: {
      leadId: `lead-${sequence}`,
      email: `prospect.${sequence}@example-industries.com`,
      company: 'Example Industries International',
      previousScore: 41,
      score: 57,
      reason: 'visited pricing page twice and opened the onboarding email',
      source: 'marketing-automation',
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: null,
      actor: 'system:scoring',
      occurredAt: '2026-11-25T10:00:00.000Z',
    },
  };
}
