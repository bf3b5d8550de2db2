// The right to be forgotten (API.md "Operations"): erasure is a lead command plus crypto-shredding.
// The event goes first, so a failure in between is repaired by sending the request again: the
// decider appends nothing the second time and the key is deleted then.
import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { LeadCommandResult } from '#commands';
import { DATA_KEY_STORE, type DataKeyStore } from '#event-store';
import { ApiCommandProblems, Roles } from '#platform';
import { CommandDispatcher, type CommandRequest } from './command-dispatcher.js';
import { ReasonDto } from './dto/command-body.dto.js';
import { reply } from './reply.js';

@ApiTags('personal data')
@ApiBearerAuth()
@ApiCommandProblems()
@Roles('admin')
@Controller('v1/leads')
export class PersonalDataController {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    @Inject(DATA_KEY_STORE) private readonly keys: DataKeyStore,
  ) {}

  @Post(':id/erase-personal-data')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase the lead\'s personal data (crypto-shredding): appends LeadPersonalDataErased and deletes the lead\'s key; history, hashes and metrics stay',
  })
  async erase(@Param('id') leadId: string, @Body() body: ReasonDto, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<LeadCommandResult> {
    const answer = await this.dispatcher.lead(request, leadId, (_state, metadata) => ({
      type: 'ErasePersonalData', data: { leadId, reason: body.reason }, metadata,
    }));
    await this.keys.erase(leadId);
    return reply(response, Promise.resolve(answer));
  }
}
