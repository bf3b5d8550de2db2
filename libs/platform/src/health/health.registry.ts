// Readiness is the sum of what each module registers (store, read database, Kafka when configured),
// so a module brings its own check and nothing central has to know about it.
import { Injectable } from '@nestjs/common';

export interface HealthCheck {
  readonly name: string;
  /** Resolves when the dependency is usable; rejects with the reason when not. */
  readonly check: () => Promise<void>;
}

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Record<string, { status: 'ok' | 'unavailable'; error?: string }>;
}

const CHECK_TIMEOUT_MS = 2000;

const withTimeout = (promise: Promise<void>, ms: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(check: HealthCheck): void {
    this.checks.set(check.name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks.values()].map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return [name, { status: 'ok' as const }] as const;
        } catch (error) {
          return [name, { status: 'unavailable' as const, error: error instanceof Error ? error.message : String(error) }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, result]) => result.status === 'ok') ? 'ok' : 'unavailable';
    return { status, checks };
  }
}
