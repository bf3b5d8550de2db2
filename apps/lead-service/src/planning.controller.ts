// Sales targets and campaign costs (role `leader`): the inputs of coverage, quota attainment and ROI.
import { Body, Controller, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PlanningCommandResult } from '#commands';
import { ApiCommandProblems, Roles } from '#platform';
import { CommandDispatcher, type CommandRequest } from './command-dispatcher.js';
import { CampaignCostDto, CampaignPathDto, TargetDto, TargetPathDto } from './dto/planning.dto.js';

@ApiTags('targets and costs')
@ApiBearerAuth()
@ApiCommandProblems()
@Roles('leader')
@Controller('v1')
export class PlanningController {
  constructor(private readonly dispatcher: CommandDispatcher) {}

  @Put('targets/:period')
  @ApiOperation({ summary: 'Set the sales target of a period (2026-11, 2026-Q4, 2026) for a rep or the team' })
  async setTarget(@Param() { period }: TargetPathDto, @Body() body: TargetDto, @Req() request: CommandRequest): Promise<PlanningCommandResult> {
    return (await this.dispatcher.planning(request, (metadata) => ({
      type: 'SetSalesTarget', data: { period, ownerId: body.ownerId ?? null, amount: body.amount }, metadata,
    }))).body;
  }

  @Post('campaigns/:id/costs')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what a campaign cost in a period' })
  async recordCost(@Param() { id: campaignId }: CampaignPathDto, @Body() body: CampaignCostDto, @Req() request: CommandRequest): Promise<PlanningCommandResult> {
    return (await this.dispatcher.planning(request, (metadata) => ({
      type: 'RecordCampaignCost', data: { campaignId, period: body.period, amount: body.amount }, metadata,
    }))).body;
  }
}
