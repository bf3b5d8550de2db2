// The three apps in one process: what `npm start` runs.
import { Module, type DynamicModule } from '@nestjs/common';
import { LifecycleRelayModule } from '#messaging';
import { DatabaseModule, PlatformModule } from '#platform';
import { ReadModelsModule } from '#read-models';
import { LeadServiceModule } from '../../lead-service/src/lead-service.module.js';
import { ProjectorModule } from '../../projector/src/projector.module.js';
import { AuditModule } from '../../query-service/src/audit/audit.module.js';
import { MetricsModule } from '../../query-service/src/metrics/metrics.module.js';
import { QueryServiceModule } from '../../query-service/src/query-service.module.js';
import type { StandaloneConfig } from './standalone.config.js';

@Module({})
export class StandaloneModule {
  static forRoot(config: StandaloneConfig, databaseUrl: string): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        PlatformModule.forRoot(config.platform),
        DatabaseModule.forRoot({ url: databaseUrl }),
        LeadServiceModule.forRoot({ pipelines: config.pipelines, kafka: config.kafka }),
        AuditModule,
        ReadModelsModule.forRoot({ url: databaseUrl, scoringModel: config.scoringModel }),
        ProjectorModule.forRoot(config.projector),
        QueryServiceModule.forRoot({ pipelines: config.pipelines, readWait: config.queries.readWait }),
        MetricsModule.forRoot({ pipelines: config.pipelines, readWait: config.queries.readWait }),
        // The relay out belongs to the projector's side; here every side runs in one process.
        ...(config.kafka === undefined ? [] : [LifecycleRelayModule.forRoot(config.kafka)]),
      ],
    };
  }
}
