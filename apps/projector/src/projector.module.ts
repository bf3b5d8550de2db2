// The projector: the read-model projections and the process managers, run by libs/projections.
import { Module, type DynamicModule } from '@nestjs/common';
import { CommandsModule } from '#commands';
import { PROJECTIONS, PROJECTIONS_OPTIONS, ProjectionsService, type ProjectionList } from '#projections';
import { AutoQualificationProcessManager } from './auto-qualification/auto-qualification.process-manager.js';
import { ROUTING_RULES } from './auto-qualification/routing-rules.js';
import { FunnelProjection } from './funnel/funnel.projection.js';
import { LeadsProjection } from './leads/leads.projection.js';
import type { ProjectorConfig } from './projector.config.js';
import { ProjectionsAdminController } from './projections-admin.controller.js';

@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [CommandsModule],
      controllers: [ProjectionsAdminController],
      providers: [
        LeadsProjection,
        FunnelProjection,
        AutoQualificationProcessManager,
        { provide: ROUTING_RULES, useValue: config.routingRules },
        { provide: PROJECTIONS_OPTIONS, useValue: { run: config.run, batchSize: config.batchSize, rebuildBatchSize: config.rebuildBatchSize, rebuildOrder: config.rebuildOrder } },
        {
          provide: PROJECTIONS,
          useFactory: (...projections: ProjectionList): ProjectionList => projections,
          inject: [LeadsProjection, FunnelProjection, AutoQualificationProcessManager],
        },
        ProjectionsService,
      ],
      exports: [ProjectionsService],
    };
  }
}
