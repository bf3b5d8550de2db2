// The metrics API: its controller, service and read model, with the pipelines and read-wait bounds
// of the query side.
import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineCatalog, PIPELINES } from '#commands';
import { READ_WAIT_OPTIONS, ReadPosition } from '#projections';
import { MetricsReadModel } from '#read-models';
import type { QueryServiceOptions } from '../query-service.module.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

@Module({})
export class MetricsModule {
  static forRoot(options: QueryServiceOptions): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        MetricsService,
        MetricsReadModel,
        ReadPosition,
        PipelineCatalog,
        { provide: PIPELINES, useValue: options.pipelines },
        { provide: READ_WAIT_OPTIONS, useValue: options.readWait },
      ],
    };
  }
}
