// The command side: lead commands, targets and costs, personal-data erasure over HTTP; marketing
// events over HTTP and (when Kafka is configured) from `marketing.lead-events`.
import { Module, type DynamicModule } from '@nestjs/common';
import { CommandsModule, PipelineCatalog, PIPELINES } from '#commands';
import type { Pipeline } from '#domain';
import { MarketingIngestModule, type KafkaConfig } from '#messaging';
import { CommandDispatcher } from './command-dispatcher.js';
import { LeadCommandsController } from './lead-commands.controller.js';
import { MarketingEventsController } from './marketing/marketing-events.controller.js';
import { MarketingHttpIngest } from './marketing/marketing-http-ingest.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PlanningController } from './planning.controller.js';

export interface LeadServiceOptions {
  readonly pipelines: readonly Pipeline[];
  /** Undefined: Kafka is off; marketing events come over HTTP only. */
  readonly kafka: KafkaConfig | undefined;
}

@Module({})
export class LeadServiceModule {
  static forRoot(options: LeadServiceOptions): DynamicModule {
    return {
      module: LeadServiceModule,
      imports: [CommandsModule, MarketingIngestModule.forRoot({ kafka: options.kafka })],
      controllers: [LeadCommandsController, PlanningController, PersonalDataController, MarketingEventsController],
      providers: [CommandDispatcher, MarketingHttpIngest, PipelineCatalog, { provide: PIPELINES, useValue: options.pipelines }],
      exports: [PipelineCatalog],
    };
  }
}
