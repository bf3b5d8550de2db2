// The read side as a service of its own: leads, scores, signals, pipelines, metrics and audit.
// Needs DATABASE_URL; the projector keeps its read models up to date.
import { Module, type DynamicModule } from '@nestjs/common';
import { readPipelines } from '#commands';
import type { Pipeline, ScoringModel } from '#domain';
import { DatabaseModule, readConfig, PlatformModule, readPlatformConfig, type Env, type PlatformConfig, type ServiceDefinition } from '#platform';
import type { ReadWaitOptions } from '#projections';
import { ReadModelsModule, readScoringModel } from '#read-models';
import { ALL_MIGRATIONS } from '../../standalone/src/schema.js';
import { AuditModule } from './audit/audit.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { readQueryServiceConfig } from './query-service.config.js';
import { QueryServiceModule } from './query-service.module.js';

export interface QueryServiceConfig {
  readonly platform: PlatformConfig;
  readonly pipelines: readonly Pipeline[];
  readonly scoringModel: ScoringModel;
  readonly queries: { readonly readWait: ReadWaitOptions };
}

export const loadQueryServiceConfig = (env: Env): QueryServiceConfig => 
  readConfig(env, (reader) => ({ platform: readPlatformConfig(reader), pipelines: readPipelines(reader), scoringModel: readScoringModel(reader), queries: readQueryServiceConfig(reader) }));

@Module({})
export class QueryServiceAppModule {
  static forRoot(config: QueryServiceConfig, databaseUrl: string): DynamicModule {
    const reads = { pipelines: config.pipelines, readWait: config.queries.readWait };
    return {
      module: QueryServiceAppModule,
      imports: [
        PlatformModule.forRoot(config.platform),
        DatabaseModule.forRoot({ url: databaseUrl }),
        ReadModelsModule.forRoot({ url: databaseUrl, scoringModel: config.scoringModel }),
        QueryServiceModule.forRoot(reads),
        MetricsModule.forRoot(reads),
        AuditModule,
      ],
    };
  }
}

export const QUERY_SERVICE: ServiceDefinition<QueryServiceConfig> = {
  title: 'Leadline query-service',
  loadConfig: loadQueryServiceConfig,
  module: (config, databaseUrl) => QueryServiceAppModule.forRoot(config, databaseUrl),
  migrations: ALL_MIGRATIONS,
  embeddedDatabase: false,
};
