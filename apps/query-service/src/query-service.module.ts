// The read side over HTTP: leads, scores, signals, pipelines (metrics and audit come with their issues).
import { Module, type DynamicModule } from '@nestjs/common';
import { PipelineCatalog, PIPELINES } from '#commands';
import type { Pipeline } from '#domain';
import { READ_WAIT_OPTIONS, ReadPosition, type ReadWaitOptions } from '#projections';
import { LeadQueries } from './lead-queries.service.js';
import { LeadsQueryController } from './leads-query.controller.js';
import { PipelinesController } from './pipelines.controller.js';

export interface QueryServiceOptions {
  readonly pipelines: readonly Pipeline[];
  readonly readWait: ReadWaitOptions;
}

@Module({})
export class QueryServiceModule {
  static forRoot(options: QueryServiceOptions): DynamicModule {
    return {
      module: QueryServiceModule,
      controllers: [LeadsQueryController, PipelinesController],
      providers: [
        LeadQueries,
        ReadPosition,
        PipelineCatalog,
        { provide: PIPELINES, useValue: options.pipelines },
        { provide: READ_WAIT_OPTIONS, useValue: options.readWait },
      ],
      exports: [ReadPosition],
    };
  }
}
