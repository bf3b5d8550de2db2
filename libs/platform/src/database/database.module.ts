// The PostgreSQL pool shared by the event store, idempotency keys and read models of one process,
// the event store (over that pool, or EventStoreDB when EVENT_STORE=eventstoredb), and the data keys
// its codec seals personal fields with: the codec (crypto-shredding) applies to either adapter.
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  CachedDataKeyStore,
  DATA_KEY_STORE,
  EVENT_STORE,
  EventStoreDbEventStore,
  EventStoreUnavailable,
  PostgresDataKeyStore,
  PostgresEventStore,
  type DataKeyStore,
  type EventStore,
} from '#event-store';
import { ConfigError } from '../config/env-reader.js';
import { missingMasterKeysProblem } from '../config/personal-data.config.js';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform.config.js';
import { HealthRegistry } from '../health/health.registry.js';
import { leadEventCodec } from './lead-event-codec.js';
import { openPool } from './open-pool.js';

export const PG_POOL = Symbol('PG_POOL');
/** Where the database is, for parts that need connections of their own (see IdempotencyStore). */
export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

export interface DatabaseOptions {
  readonly url: string;
  readonly maxConnections?: number;
}

export const createPool = ({ url, maxConnections = 20 }: DatabaseOptions): Pool =>
  openPool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 5000 });

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly health: HealthRegistry,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataKeys: PostgresDataKeyStore,
  ) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        { provide: PG_POOL, useFactory: () => createPool(options) },
        {
          provide: PostgresDataKeyStore,
          useFactory: (pool: Pool, config: PlatformConfig) =>
            new PostgresDataKeyStore(pool, config.personalData.masterKey, config.personalData.previousMasterKeys),
          inject: [PG_POOL, PLATFORM_CONFIG],
        },
        { provide: DATA_KEY_STORE, useFactory: (keys: PostgresDataKeyStore) => new CachedDataKeyStore(keys), inject: [PostgresDataKeyStore] },
        {
          provide: EVENT_STORE,
          useFactory: (pool: Pool, keys: DataKeyStore, config: PlatformConfig): EventStore =>
            config.eventStore.kind === 'eventstoredb'
              ? EventStoreDbEventStore.connect(config.eventStore.url, leadEventCodec(keys))
              : new PostgresEventStore(pool, leadEventCodec(keys)),
          inject: [PG_POOL, DATA_KEY_STORE, PLATFORM_CONFIG],
        },
      ],
      exports: [DATABASE_OPTIONS, PG_POOL, EVENT_STORE, DATA_KEY_STORE, PostgresDataKeyStore],
    };
  }

  async onModuleInit(): Promise<void> {
    if (this.config.personalData.developmentMasterKey) {
      new Logger('PersonalData').warn('PII_MASTER_KEY unset: personal data is sealed with the public development master key');
    }
    // A master key left out shows here, not as failures on every lead whose data key it wraps. A
    // database that is away is an outage the process serves through (503s), not a reason not to start.
    const missing = await this.dataKeys.missingMasterKeys().catch((error: unknown) => {
      if (!(error instanceof EventStoreUnavailable)) throw error;
      new Logger('PersonalData').warn('database unavailable: the master keys the data keys need were not checked');
      return new Map();
    });
    if (missing.size > 0) throw new ConfigError([missingMasterKeysProblem(missing)]);
    this.health.register({ name: 'database', check: async () => void (await this.pool.query('select 1')) });
    const { store } = this;
    if (store instanceof EventStoreDbEventStore) {
      // One read of a stream nobody writes: answers at once when the server is up.
      this.health.register({ name: 'eventstoredb', check: async () => void (await store.streamRevision('leadline-health')) });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.store instanceof EventStoreDbEventStore) await this.store.close();
    await this.pool.end();
  }
}
