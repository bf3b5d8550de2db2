// HTTP routes of the lead commands (API.md "Lead commands"): parse, authorize, dispatch, reply.
// Where a command becomes events: libs/commands/src/lead/execute-lead-command.handler.ts.
import { Body, Controller, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { leadIdFromEmail, type Pipeline, type ProductLine } from '#domain';
import { toLeadProfile } from '#messaging';
import { ApiCommandProblems, Roles } from '#platform';
import { PipelineCatalog, type LeadCommandResult } from '#commands';
import { CommandDispatcher, type CommandRequest } from './command-dispatcher.js';
import { ReasonDto } from './dto/command-body.dto.js';
import {
  CloseDto, ExpansionDto, KeyAccountDto, NurtureDto, OnboardDto, OpportunityStageDto, OwnerDto, QualifyMarketingDto,
  QualifySalesDto, RejectDto,
} from './dto/lead-commands.dto.js';
import { CreateLeadDto } from './dto/lead.dto.js';
import type { ProductLineDto } from './dto/money.dto.js';

import { reply } from './reply.js';

const toProducts = (lines: readonly ProductLineDto[]): ProductLine[] => lines.map((line) => ({ ...line, quantity: line.quantity ?? 1 }));

@ApiTags('lead commands')
@ApiBearerAuth()
@ApiCommandProblems()
@Roles('sales')
@Controller('v1/leads')
export class LeadCommandsController {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly pipelines: PipelineCatalog,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Capture a lead (the same email always gives the same lead: 201 when new, 200 when known)' })
  async create(@Body() body: CreateLeadDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    const leadId = leadIdFromEmail(body.lead.email);
    const answer = await reply(response, this.dispatcher.lead(
      request, leadId,
      (_state, metadata) => ({ type: 'CaptureLead', data: { leadId, profile: toLeadProfile(body.lead), source: body.source }, metadata }),
      (result) => (result.events.includes('LeadCaptured') ? 201 : 200),
    ));
    response.header('Location', `/v1/leads/${leadId}`); // on success only: a refusal names no resource
    return answer;
  }

  @Post(':id/nurture')
  @HttpCode(200)
  nurture(@Param('id') leadId: string, @Body() body: NurtureDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({ type: 'StartNurturing', data: { leadId, track: body.track }, metadata })));
  }

  @Post(':id/qualify-marketing')
  @HttpCode(200)
  qualifyMarketing(@Param('id') leadId: string, @Body() body: QualifyMarketingDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({
      type: 'QualifyMarketing', data: { leadId, basis: body.basis ?? 'sdr', reason: body.reason }, metadata,
    })));
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@Param('id') leadId: string, @Body() body: OwnerDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({ type: 'AcceptLead', data: { leadId, ownerId: body.ownerId }, metadata })));
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@Param('id') leadId: string, @Body() body: RejectDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({
      type: 'RejectLead', data: { leadId, reason: body.reason, feedback: body.feedback }, metadata,
    })));
  }

  @Post(':id/qualify-sales')
  @HttpCode(200)
  qualifySales(@Param('id') leadId: string, @Body() body: QualifySalesDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    const pipeline = this.pipelines.require(body.pipeline ?? 'default', 'pipeline');
    const { framework, criteria, amount, expectedCloseDate, ownerId } = body;
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({
      type: 'QualifySales',
      data: { leadId, ownerId, framework, criteria: { ...criteria }, amount, expectedCloseDate, products: toProducts(body.products), pipeline },
      metadata,
    })));
  }

  @Post(':id/opportunity-stage')
  @HttpCode(200)
  changeOpportunityStage(@Param('id') leadId: string, @Body() body: OpportunityStageDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (state, metadata) => ({
      type: 'ChangeOpportunityStage',
      data: { leadId, stage: body.stage, amount: body.amount, expectedCloseDate: body.expectedCloseDate, pipeline: this.pipelineOf(state.opportunity?.pipeline) },
      metadata,
    })));
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') leadId: string, @Body() body: CloseDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    const { outcome, amount, termMonths, lostReason, lostReasonNote } = body;
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({
      type: 'CloseDeal',
      data: { leadId, outcome, amount, products: body.products && toProducts(body.products), termMonths, lostReason, lostReasonNote },
      metadata,
    })));
  }

  @Post(':id/onboard')
  @HttpCode(200)
  onboard(@Param('id') leadId: string, @Body() body: OnboardDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    const { csmId, priorities, painPoints, milestones, keyAccount } = body;
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({
      type: 'OnboardCustomer', data: { leadId, csmId, priorities, painPoints, milestones, keyAccount }, metadata,
    })));
  }

  @Post(':id/expansions')
  @HttpCode(200)
  recordExpansion(@Param('id') leadId: string, @Body() body: ExpansionDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    // The API takes the size of the change; the event records the revenue delta, negative for a downgrade.
    const amount = body.kind === 'downgrade' ? { ...body.amount, value: -body.amount.value } : body.amount;
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({
      type: 'RecordExpansion', data: { leadId, kind: body.kind, products: toProducts(body.products), amount }, metadata,
    })));
  }

  @Post(':id/recycle')
  @HttpCode(200)
  recycle(@Param('id') leadId: string, @Body() body: ReasonDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({ type: 'RecycleLead', data: { leadId, reason: body.reason }, metadata })));
  }

  @Post(':id/disqualify')
  @HttpCode(200)
  disqualify(@Param('id') leadId: string, @Body() body: ReasonDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({ type: 'DisqualifyLead', data: { leadId, reason: body.reason }, metadata })));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@Param('id') leadId: string, @Body() body: ReasonDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({ type: 'ReopenLead', data: { leadId, reason: body.reason }, metadata })));
  }

  @Put(':id/owner')
  changeOwner(@Param('id') leadId: string, @Body() body: OwnerDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({ type: 'ChangeOwner', data: { leadId, ownerId: body.ownerId }, metadata })));
  }

  @Put(':id/key-account')
  setKeyAccount(@Param('id') leadId: string, @Body() body: KeyAccountDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    return reply(response, this.dispatcher.lead(request, leadId, (_state, metadata) => ({ type: 'SetKeyAccount', data: { leadId, keyAccount: body.keyAccount }, metadata })));
  }

  /** A lead outside `sql` has no pipeline; the decider refuses the move by stage, so any will do. */
  private pipelineOf(id: string | undefined): Pipeline {
    return this.pipelines.find(id ?? 'default') ?? this.pipelines.require('default', 'pipeline');
  }
}
