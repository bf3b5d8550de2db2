// The command side over HTTP: lead commands, targets and costs, personal-data erasure.
import { Module, type DynamicModule } from '@nestjs/common';
import { CommandsModule, PipelineCatalog, PIPELINES } from '#commands';
import type { Pipeline } from '#domain';
import { CommandDispatcher } from './command-dispatcher.js';
import { LeadCommandsController } from './lead-commands.controller.js';
import { PersonalDataController } from './personal-data.controller.js';
import { PlanningController } from './planning.controller.js';

export interface LeadServiceOptions {
  readonly pipelines: readonly Pipeline[];
}

@Module({})
export class LeadServiceModule {
  static forRoot(options: LeadServiceOptions): DynamicModule {
    return {
      module: LeadServiceModule,
      imports: [CommandsModule],
      controllers: [LeadCommandsController, PlanningController, PersonalDataController],
      providers: [CommandDispatcher, PipelineCatalog, { provide: PIPELINES, useValue: options.pipelines }],
      exports: [PipelineCatalog],
    };
  }
}
