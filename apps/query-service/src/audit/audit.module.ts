// The auditors' read side: lead history, state as of a moment, hash-chain verification, export.
import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { PostgresHashChainVerifier } from '#event-store';
import { PG_POOL } from '#platform';
import { AuditController } from './audit.controller.js';
import { LeadAuditService } from './lead-audit.service.js';

@Module({
  controllers: [AuditController],
  providers: [
    LeadAuditService,
    { provide: PostgresHashChainVerifier, useFactory: (pool: Pool) => new PostgresHashChainVerifier(pool), inject: [PG_POOL] },
  ],
})
export class AuditModule {}
