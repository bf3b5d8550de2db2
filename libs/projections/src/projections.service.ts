// The runners of one process: started when the app has booted, stopped before the pool closes,
// their lag exported to Prometheus and listed for the admin API, rebuilds started from here.
import {
  Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '#event-store';
import { InvalidRequest, METRICS_REGISTRY, NotFound, PG_POOL } from '#platform';
import type { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import { readCheckpoint } from './checkpoints.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type RunnerState } from './projection-runner.js';
import { measureLag } from './projection-lag.js';
import { PROJECTIONS, PROJECTIONS_OPTIONS, type ProjectionList, type ProjectionsOptions } from './projections.tokens.js';
import { rebuildProjections } from './rebuild.js';

export type ProjectionState = RunnerState | 'rebuilding';

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: GlobalPosition;
  readonly lag: { readonly events: number; readonly seconds: number };
  readonly state: ProjectionState;
  readonly lastError: string | null;
  readonly lastRebuild: { readonly startedAt: string; readonly finishedAt: string | null; readonly error: string | null } | null;
}

/** Rebuilds requested in the same turn of the event loop: they start together and share one read of the store. */
interface RebuildGroup {
  readonly projections: Projection[];
  readonly results: Promise<PromiseSettledResult<unknown>[]>;
}

interface RebuildRecord {
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  running: Promise<void> | null;
}

@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: Map<string, ProjectionRunner>;
  private readonly rebuilds = new Map<string, RebuildRecord>();
  private forming: RebuildGroup | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) projections: ProjectionList,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    const applied = new Counter({
      name: 'leadline_projection_events_total', help: 'Events a projection has moved its checkpoint past',
      labelNames: ['projection'], registers: [registry],
    });
    this.runners = new Map(projections.map((projection) => [projection.name, new ProjectionRunner(pool, store, projection, {
      batchSize: options.batchSize,
      onBatch: (events) => applied.inc({ projection: projection.name }, events),
      onError: (error) => this.logger.warn(`${projection.name}: ${error instanceof Error ? error.message : String(error)}`),
    })]));
    this.registerLagGauges(registry);
  }

  onApplicationBootstrap(): void {
    if (!this.options.run) return;
    for (const runner of this.runners.values()) runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.rebuilds.values()].map((rebuild) => rebuild.running));
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  names(): string[] {
    return [...this.runners.keys()];
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all([...this.runners.values()].map(async (runner) => {
      const { name } = runner.projection;
      const checkpoint = await readCheckpoint(this.pool, name);
      const rebuild = this.rebuilds.get(name);
      return {
        name,
        checkpoint: checkpoint.position,
        lag: await measureLag(this.pool, checkpoint.position),
        state: rebuild?.running ? 'rebuilding' : runner.state,
        lastError: runner.lastError,
        lastRebuild: rebuild ? { startedAt: rebuild.startedAt, finishedAt: rebuild.finishedAt, error: rebuild.error } : null,
      };
    }));
  }

  /**
   * Starts a rebuild (one at a time per projection) and returns at once; `done` settles when the new
   * tables are in. A process manager has no tables and cannot be rebuilt.
   */
  startRebuild(name: string): { readonly alreadyRunning: boolean; readonly done: Promise<void> } {
    const projection = this.rebuildable(name);
    const current = this.rebuilds.get(name);
    if (current?.running) return { alreadyRunning: true, done: current.running };
    const record: RebuildRecord = { startedAt: new Date().toISOString(), finishedAt: null, error: null, running: null };
    record.running = this.rebuildWithOthers(projection)
      .then(
        () => this.logger.log(`${name}: rebuilt and swapped in`),
        (error: unknown) => {
          record.error = error instanceof Error ? error.message : String(error);
          this.logger.error(`${name}: rebuild failed: ${record.error}`);
        },
      )
      .finally(() => {
        record.finishedAt = new Date().toISOString();
        record.running = null;
      });
    this.rebuilds.set(name, record);
    return { alreadyRunning: false, done: record.running };
  }

  /**
   * Rebuilds `projection` together with any other rebuild requested in this turn of the event loop
   * (an operator rebuilding everything): one read and decode of each event for all of them.
   */
  private async rebuildWithOthers(projection: Projection): Promise<void> {
    if (this.forming === null) {
      const projections: Projection[] = [];
      const results = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.forming = null;
        return rebuildProjections(this.pool, this.store, projections, { batchSize: this.options.rebuildBatchSize, order: this.options.rebuildOrder });
      });
      this.forming = { projections, results };
    }
    const group = this.forming;
    group.projections.push(projection);
    const result = (await group.results)[group.projections.indexOf(projection)];
    if (result.status === 'rejected') throw result.reason;
  }

  private rebuildable(name: string): Projection {
    const projection = this.runners.get(name)?.projection;
    if (!projection) throw new NotFound(`no projection ${name}; known: ${this.names().join(', ')}`);
    if (projection.tables.length === 0) {
      throw new InvalidRequest([{ field: 'name', message: `${name} is a process manager: it has no tables to rebuild` }]);
    }
    return projection;
  }

  private registerLagGauges(registry: Registry): void {
    const gauge = (name: string, help: string): Gauge =>
      new Gauge({ name, help, labelNames: ['projection'], registers: [registry], collect: () => measureOnce() });
    const events = gauge('leadline_projection_lag_events', 'Events in the store not yet applied by the projection');
    const seconds = gauge('leadline_projection_lag_seconds', 'Age of the oldest event not yet applied by the projection');
    // Both gauges' collects run on each scrape; they share one measurement.
    let measuring: Promise<void> | null = null;
    const measureOnce = (): Promise<void> => (measuring ??= this.measureLags(events, seconds).finally(() => {
      measuring = null;
    }));
  }

  private async measureLags(events: Gauge, seconds: Gauge): Promise<void> {
    try {
      for (const name of this.runners.keys()) {
        const lag = await measureLag(this.pool, (await readCheckpoint(this.pool, name)).position);
        events.set({ projection: name }, lag.events);
        seconds.set({ projection: name }, lag.seconds);
      }
    } catch (error) {
      // The database is away: the scrape still answers (readiness reports the outage).
      this.logger.warn(`lag not measured: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
