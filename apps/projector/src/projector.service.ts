// The projector as a service of its own: projections, process managers, the Kafka relay out, and
// the projections admin routes. Needs DATABASE_URL. Run one or more: a lock per projection keeps
// a second instance waiting to take over.
import { Module, type DynamicModule } from '@nestjs/common';
import type { ScoringModel } from '#domain';
import { LifecycleRelayModule, readKafkaConfig, type KafkaConfig } from '#messaging';
import { DatabaseModule, readConfig, PlatformModule, readPlatformConfig, type Env, type PlatformConfig, type ServiceDefinition } from '#platform';
import { ReadModelsModule, readScoringModel } from '#read-models';
import { ALL_MIGRATIONS } from '../../standalone/src/schema.js';
import { readProjectorConfig, type ProjectorConfig } from './projector.config.js';
import { ProjectorModule } from './projector.module.js';

export interface ProjectorServiceConfig {
  readonly platform: PlatformConfig;
  readonly kafka: KafkaConfig | undefined;
  readonly scoringModel: ScoringModel;
  readonly projector: ProjectorConfig;
}

export const loadProjectorServiceConfig = (env: Env): ProjectorServiceConfig => 
  readConfig(env, (reader) => ({ platform: readPlatformConfig(reader), kafka: readKafkaConfig(reader), scoringModel: readScoringModel(reader), projector: readProjectorConfig(reader) }));

@Module({})
export class ProjectorAppModule {
  static forRoot(config: ProjectorServiceConfig, databaseUrl: string): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        PlatformModule.forRoot(config.platform),
        DatabaseModule.forRoot({ url: databaseUrl }),
        ReadModelsModule.forRoot({ url: databaseUrl, scoringModel: config.scoringModel }),
        ProjectorModule.forRoot(config.projector),
        ...(config.kafka === undefined ? [] : [LifecycleRelayModule.forRoot(config.kafka)]),
      ],
    };
  }
}

export const PROJECTOR: ServiceDefinition<ProjectorServiceConfig> = {
  title: 'Leadline projector',
  loadConfig: loadProjectorServiceConfig,
  module: (config, databaseUrl) => ProjectorAppModule.forRoot(config, databaseUrl),
  migrations: ALL_MIGRATIONS,
  embeddedDatabase: false,
};
