// The PostgreSQL pool shared by the event store, idempotency keys and read models of one process,
// and the event store over it.
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { EVENT_STORE, PostgresEventStore } from '#event-store';
import { HealthRegistry } from '../health/health.registry.js';

export const PG_POOL = Symbol('PG_POOL');

export interface DatabaseOptions {
  readonly url: string;
  readonly maxConnections?: number;
}

export const createPool = ({ url, maxConnections = 20 }: DatabaseOptions): Pool => {
  const pool = new Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection (database restarted) must not crash the process:
  // the next query gets a fresh connection or a clear error.
  pool.on('error', () => undefined);
  return pool;
};

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: PG_POOL, useFactory: () => createPool(options) },
        { provide: EVENT_STORE, useFactory: (pool: Pool) => new PostgresEventStore(pool), inject: [PG_POOL] },
      ],
      exports: [PG_POOL, EVENT_STORE],
    };
  }

  onModuleInit(): void {
    this.health.register({ name: 'database', check: async () => void (await this.pool.query('select 1')) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
