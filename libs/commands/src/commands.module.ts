// The command side shared by every entry point (HTTP, Kafka, process managers).
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { ExecuteLeadBatchHandler } from './lead/execute-lead-batch.handler.js';
import { ExecuteLeadCommandHandler } from './lead/execute-lead-command.handler.js';
import { ExecuteLeadCommandsHandler } from './lead/execute-lead-commands.handler.js';
import { LeadRepository } from './lead/lead-repository.js';
import { ExecutePlanningCommandHandler } from './planning/execute-planning-command.js';

@Module({
  imports: [CqrsModule],
  providers: [LeadRepository, ExecuteLeadCommandHandler, ExecuteLeadCommandsHandler, ExecuteLeadBatchHandler, ExecutePlanningCommandHandler, IdempotencyStore],
  exports: [CqrsModule, LeadRepository, IdempotencyStore],
})
export class CommandsModule {}
