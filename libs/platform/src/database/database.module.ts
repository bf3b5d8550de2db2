// The PostgreSQL pool shared by the event store, idempotency keys and read models of one process,
// the event store over it, and the data keys its codec seals personal fields with.
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { CachedDataKeyStore, DATA_KEY_STORE, EVENT_STORE, PostgresDataKeyStore, PostgresEventStore, type DataKeyStore } from '#event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform.config.js';
import { HealthRegistry } from '../health/health.registry.js';
import { leadEventCodec } from './lead-event-codec.js';

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
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: PG_POOL, useFactory: () => createPool(options) },
        {
          provide: DATA_KEY_STORE,
          useFactory: (pool: Pool, config: PlatformConfig) => new CachedDataKeyStore(new PostgresDataKeyStore(pool, config.personalData.masterKey)),
          inject: [PG_POOL, PLATFORM_CONFIG],
        },
        {
          provide: EVENT_STORE,
          useFactory: (pool: Pool, keys: DataKeyStore) => new PostgresEventStore(pool, leadEventCodec(keys)),
          inject: [PG_POOL, DATA_KEY_STORE],
        },
      ],
      exports: [PG_POOL, EVENT_STORE, DATA_KEY_STORE],
    };
  }

  onModuleInit(): void {
    if (this.config.personalData.developmentMasterKey) {
      new Logger('PersonalData').warn('PII_MASTER_KEY unset: personal data is sealed with the public development master key');
    }
    this.health.register({ name: 'database', check: async () => void (await this.pool.query('select 1')) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
