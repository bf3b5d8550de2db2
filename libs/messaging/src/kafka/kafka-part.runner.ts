// Runs a Kafka part (the consumer, the relay) for the life of the app: started in the background
// with retries, so an unreachable broker delays the part but never the HTTP side, and reported in
// readiness until it runs and while the broker does not answer.
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { HealthRegistry } from '#platform';
import { backoffDelay } from './retryable.js';

export interface KafkaPart {
  readonly start: () => Promise<void>;
  readonly stop: () => Promise<void>;
  /** Throws while the part is not doing its job. */
  readonly assertHealthy: () => void;
}

const MAX_START_DELAY_MS = 30_000;

export class KafkaPartRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly admin: Admin;
  private adminConnected: Promise<void> | null = null;
  private started = false;
  private stopping = false;
  private starting: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly name: string,
    kafka: Kafka,
    private readonly part: KafkaPart,
    health: HealthRegistry,
  ) {
    this.logger = new Logger(name);
    this.admin = kafka.admin();
    health.register({ name, check: () => this.check() });
  }

  onApplicationBootstrap(): void {
    this.starting = this.startWithRetry();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.starting;
    if (this.started) await this.part.stop();
    if (this.adminConnected) await this.admin.disconnect();
  }

  private async startWithRetry(): Promise<void> {
    for (let failures = 1; !this.stopping; failures++) {
      try {
        await this.part.start();
        this.started = true;
        return;
      } catch (error) {
        const delay = backoffDelay(failures, MAX_START_DELAY_MS);
        this.logger.warn(`could not start (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`);
        await this.part.stop().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async check(): Promise<void> {
    if (!this.started) throw new Error('not started yet');
    this.part.assertHealthy();
    this.adminConnected ??= this.admin.connect().catch((error: unknown) => {
      this.adminConnected = null;
      throw error;
    });
    await this.adminConnected;
    await this.admin.describeCluster();
  }
}
