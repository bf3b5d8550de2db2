import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator.js';
import { HealthRegistry, type HealthReport } from './health.registry.js';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Every dependency answers; 503 names the ones that do not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.registry.report();
    if (report.status !== 'ok') reply.code(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
