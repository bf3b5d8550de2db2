// Admin routes of the projections (API.md "Operations"): list them with checkpoint and lag, rebuild one.
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionsService, type ProjectionStatus } from '#projections';
import { Roles } from '#platform';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @ApiOperation({ summary: 'Each projection: checkpoint, lag in events and seconds, state' })
  async list(): Promise<{ items: ProjectionStatus[]; nextCursor: null }> {
    return { items: await this.projections.status(), nextCursor: null };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay from position 0 into fresh tables and swap them in when caught up; the old tables serve meanwhile' })
  rebuild(@Param('name') name: string): { name: string; state: 'rebuilding'; alreadyRunning: boolean } {
    const { alreadyRunning } = this.projections.startRebuild(name);
    return { name, state: 'rebuilding', alreadyRunning };
  }
}
