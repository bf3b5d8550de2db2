// Runs one projection: holds its advisory lock (one instance at a time per checkpoint), follows the
// store from the stored checkpoint with a catch-up subscription and applies each delivered batch in
// one transaction with the checkpoint (apply-batch.ts). When the checkpoint moved under it (a
// rebuild swapped tables in, the lock was lost), it resubscribes from the stored one.
import { WakeableSleep, type EventStore, type GlobalPosition, type RecordedEvent, type Subscription } from '#event-store';
import type { Pool, PoolClient } from 'pg';
import { applyBatch, type BatchTarget } from './apply-batch.js';
import { CheckpointMoved, readCheckpoint } from './checkpoints.js';
import type { Projection } from './projection.js';

export type RunnerState = 'stopped' | 'waiting_for_lock' | 'running' | 'failing';

export interface RunnerOptions {
  readonly checkpointName?: string;
  readonly schema?: string;
  readonly batchSize?: number;
  /** How often an instance without the lock tries again. */
  readonly lockRetryMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Called after each committed batch with the number of events it held. */
  readonly onBatch?: (events: number) => void;
}

/** Namespace of the two-key advisory locks the runners take (the second key hashes the checkpoint name). */
const LOCK_NAMESPACE = 7_400_611;

export class ProjectionRunner {
  state: RunnerState = 'stopped';
  lastError: string | null = null;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private readonly sleep = new WakeableSleep();
  private resubscribe = false;
  readonly target: BatchTarget;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {
    this.target = { checkpointName: options.checkpointName ?? projection.name, schema: options.schema };
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run().finally(() => {
      this.loop = null;
      this.state = 'stopped';
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleep.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.resubscribe = false;
      const lock = await this.acquireLock();
      if (!lock) {
        this.state = 'waiting_for_lock';
        await this.pause(this.options.lockRetryMs ?? 1000);
        continue;
      }
      try {
        await this.follow(lock);
      } catch (error) {
        this.report(error);
        await this.pause(1000);
      } finally {
        lock.release(true); // destroying the session releases its advisory lock
      }
    }
  }

  /** Follows the store until stopped, the lock's session dies or the checkpoint moved under us. */
  private async follow(lock: PoolClient): Promise<void> {
    let expected: GlobalPosition = (await readCheckpoint(this.pool, this.target.checkpointName)).position;
    lock.on('error', () => this.interrupt());
    this.state = 'running';
    const subscription: Subscription = this.store.subscribe({
      after: expected,
      batchSize: this.options.batchSize,
      onEvents: async (events: readonly RecordedEvent[]) => {
        if (this.resubscribe || this.stopped) throw new CheckpointMoved(this.target.checkpointName, expected, expected);
        expected = await applyBatch(this.pool, this.projection, this.target, expected, events);
        this.state = 'running';
        this.lastError = null;
        this.options.onBatch?.(events.length);
      },
      onError: (error) => {
        if (error instanceof CheckpointMoved) this.interrupt();
        else this.report(error);
      },
    });
    while (!this.stopped && !this.resubscribe) await this.pause(60_000);
    await subscription.stop();
  }

  private interrupt(): void {
    this.resubscribe = true;
    this.sleep.wake();
  }

  private report(error: unknown): void {
    this.state = 'failing';
    this.lastError = error instanceof Error ? error.message : String(error);
    this.options.onError?.(error);
  }

  private async acquireLock(): Promise<PoolClient | null> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.report(error);
      return null;
    }
    client.on('error', () => undefined);
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [LOCK_NAMESPACE, this.target.checkpointName],
      );
      if (rows[0].locked) return client;
    } catch (error) {
      this.report(error);
    }
    client.release(true);
    return null;
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopped || this.resubscribe) return;
    await this.sleep.sleep(ms);
  }
}
