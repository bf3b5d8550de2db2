// The read side's connection and queries, once per process; global so the projector and the query
// service share them.
import { Global, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ScoringModel } from '#domain';
import { HealthRegistry } from '#platform';
import { FunnelReadModel } from './funnel/funnel-read-model.js';
import { LeadReadModel } from './leads/lead-read-model.js';
import { createReadDataSource, READ_DATA_SOURCE } from './read-data-source.js';
import { ReadDatabase } from './read-database.js';
import { SCORING_MODEL } from './scoring-model.config.js';

export interface ReadModelsOptions {
  readonly url: string;
  readonly scoringModel: ScoringModel;
}

@Global()
@Module({})
export class ReadModelsModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly read: ReadDatabase,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(options: ReadModelsOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: READ_DATA_SOURCE, useFactory: () => createReadDataSource(options.url) },
        { provide: SCORING_MODEL, useValue: options.scoringModel },
        ReadDatabase,
        LeadReadModel,
        FunnelReadModel,
      ],
      exports: [ReadDatabase, SCORING_MODEL, LeadReadModel, FunnelReadModel],
    };
  }

  onModuleInit(): void {
    this.health.register({ name: 'read-database', check: async () => void (await (await this.read.connection()).query('SELECT 1')) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.read.close();
  }
}
