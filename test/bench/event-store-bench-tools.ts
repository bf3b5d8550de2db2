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

type Operation = (worker: number) => Promise<void>;

/** Runs `operation` in `concurrency` loops for `seconds`; latency is per call of `operation`. */
export async function runFor(seconds: number, concurrency: number, operation: Operation): Promise<Measurement> {
  const sample: Sample = { latencies: [], seconds: 0 };
  await runRound(sample, seconds, concurrency, operation);
  return summarise(sample);
}

/**
 * Runs the two operations in alternating rounds (a, b, a, b, ...) of `concurrency` loops each, so
 * load from anything else on the machine falls on both alike. Latency is per call of an operation.
 * One round of each, unmeasured, comes first: what is measured is the steady state of a long-running
 * process (code optimised, pools and caches filled), for both sides alike. `afterWarmUp` lets a
 * caller reset what its operations count.
 */
export async function runInterleaved(
  seconds: number,
  rounds: number,
  concurrency: number,
  a: Operation,
  b: Operation,
  afterWarmUp: () => void = () => undefined,
): Promise<[Measurement, Measurement]> {
  const warmUp: Sample = { latencies: [], seconds: 0 };
  await runRound(warmUp, seconds / rounds, concurrency, a);
  await runRound(warmUp, seconds / rounds, concurrency, b);
  afterWarmUp();
  const samples: [Sample, Sample] = [{ latencies: [], seconds: 0 }, { latencies: [], seconds: 0 }];
  for (let round = 0; round < rounds; round++) {
    await runRound(samples[0], seconds / rounds, concurrency, a);
    await runRound(samples[1], seconds / rounds, concurrency, b);
  }
  return [summarise(samples[0]), summarise(samples[1])];
}

interface Sample {
  readonly latencies: number[];
  seconds: number;
}

async function runRound(sample: Sample, seconds: number, concurrency: number, operation: Operation): Promise<void> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < deadline) {
        const before = performance.now();
        await operation(worker);
        sample.latencies.push(performance.now() - before);
      }
    }),
  );
  sample.seconds += (performance.now() - started) / 1000;
}

function summarise({ latencies, seconds }: Sample): Measurement {
  latencies.sort((x, y) => x - y);
  return {
    operations: latencies.length,
    seconds: round(seconds),
    perSecond: round(latencies.length / seconds),
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
