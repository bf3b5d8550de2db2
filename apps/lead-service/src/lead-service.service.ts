// The command side as a service of its own: lead commands, targets, costs, erasure, marketing
// ingest over HTTP and (with KAFKA_BROKERS) from Kafka. Needs DATABASE_URL.
import { Module, type DynamicModule } from '@nestjs/common';
import { readPipelines } from '#commands';
import type { Pipeline } from '#domain';
import { readKafkaConfig, type KafkaConfig } from '#messaging';
import { DatabaseModule, readConfig, PlatformModule, readPlatformConfig, type Env, type PlatformConfig, type ServiceDefinition } from '#platform';
import { ALL_MIGRATIONS } from '../../standalone/src/schema.js';
import { LeadServiceModule } from './lead-service.module.js';

export interface LeadServiceConfig {
  readonly platform: PlatformConfig;
  readonly pipelines: readonly Pipeline[];
  readonly kafka: KafkaConfig | undefined;
}

export const loadLeadServiceConfig = (env: Env): LeadServiceConfig => 
  readConfig(env, (reader) => ({ platform: readPlatformConfig(reader), pipelines: readPipelines(reader), kafka: readKafkaConfig(reader) }));

@Module({})
export class LeadServiceAppModule {
  static forRoot(config: LeadServiceConfig, databaseUrl: string): DynamicModule {
    return {
      module: LeadServiceAppModule,
      imports: [
        PlatformModule.forRoot(config.platform),
        DatabaseModule.forRoot({ url: databaseUrl }),
        LeadServiceModule.forRoot({ pipelines: config.pipelines, kafka: config.kafka }),
      ],
    };
  }
}

export const LEAD_SERVICE: ServiceDefinition<LeadServiceConfig> = {
  title: 'Leadline lead-service',
  loadConfig: loadLeadServiceConfig,
  module: (config, databaseUrl) => LeadServiceAppModule.forRoot(config, databaseUrl),
  migrations: ALL_MIGRATIONS,
  embeddedDatabase: false,
};
