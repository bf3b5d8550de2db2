// API.md "Audit": a lead's full history, its state as of any moment, the proof nothing was
// altered, and the global log as NDJSON. Read-only, for auditors.
import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, InvalidGlobalPosition, START, type EventStore } from '#event-store';
import { ApiQueryProblems, InvalidRequest, Roles } from '#platform';
import { EventLogExportQuery, LeadEventsQuery, LeadStateQuery } from './audit-query.dto.js';
import { exportEventLog, NDJSON } from './event-log-export.js';
import { LeadAuditService, type LeadEventsPage, type LeadStateAsOf, type LeadVerdict } from './lead-audit.service.js';

const DEFAULT_PAGE = 100;

@ApiTags('audit')
@ApiBearerAuth()
@ApiQueryProblems()
@Roles('auditor')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly audit: LeadAuditService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('leads/:id/events')
  @ApiOperation({ summary: 'The lead\'s events in order, with every recorded detail (paged by revision)' })
  events(@Param('id') leadId: string, @Query() query: LeadEventsQuery): Promise<LeadEventsPage> {
    return this.audit.events(leadId, query.cursor ?? query.fromRevision ?? 1, query.limit ?? DEFAULT_PAGE);
  }

  @Get('leads/:id/state')
  @ApiOperation({ summary: 'The lead as it was at `asOf` or at `revision` (one of them; now when neither), rebuilt from its events, with its score then' })
  state(@Param('id') leadId: string, @Query() query: LeadStateQuery): Promise<LeadStateAsOf> {
    if (query.asOf !== undefined && query.revision !== undefined) {
      throw new InvalidRequest([{ field: 'revision', message: 'give either asOf or revision, not both' }]);
    }
    return this.audit.stateAt(leadId, query);
  }

  @Get('leads/:id/verify')
  @ApiOperation({ summary: 'Recomputes the lead stream\'s hash chain: valid, or the first broken event and why' })
  verify(@Param('id') leadId: string): Promise<LeadVerdict> {
    return this.audit.verify(leadId);
  }

  @Get('events')
  @Header('Content-Type', NDJSON)
  @ApiProduces(NDJSON)
  @ApiOperation({ summary: 'The global event log as NDJSON in delivery order; resume with fromPosition = the last line\'s position' })
  async exportLog(@Query() query: EventLogExportQuery): Promise<AsyncIterable<string>> {
    try {
      return await exportEventLog(this.store, query.fromPosition ?? START, query.limit);
    } catch (error) {
      if (error instanceof InvalidGlobalPosition) {
        throw new InvalidRequest([{ field: 'fromPosition', message: 'is not a position of this log (use a `position` from an earlier export)' }]);
      }
      throw error;
    }
  }
}
