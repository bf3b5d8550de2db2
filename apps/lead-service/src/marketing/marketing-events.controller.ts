// `POST /v1/marketing-events` (API.md "Marketing events", role marketing): parse, authorize,
// ingest, reply. The validation and the mapping to commands are the Kafka consumer's too (#messaging).
import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MarketingMessageDto, type IngestResult } from '#messaging';
import { Roles } from '#platform';
import type { CommandRequest } from '../command-dispatcher.js';
import { MarketingHttpIngest, MAX_BATCH, readMarketingBody, type BatchAnswer } from './marketing-http-ingest.js';

const NDJSON = 'application/x-ndjson';

@ApiTags('marketing events')
@ApiBearerAuth()
@ApiExtraModels(MarketingMessageDto)
@Roles('marketing')
@Controller('v1/marketing-events')
export class MarketingEventsController {
  constructor(private readonly intake: MarketingHttpIngest) {}

  @Post()
  @ApiOperation({
    summary: `Ingest one marketing message, or a batch of up to ${MAX_BATCH} (a JSON array, or ${NDJSON} with one message per line)`,
    description: 'Re-sending a messageId appends nothing and answers duplicate: true. A batch is processed in order per lead and answered per message.',
  })
  @ApiConsumes('application/json', NDJSON)
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(MarketingMessageDto) }, { type: 'array', maxItems: MAX_BATCH, items: { $ref: getSchemaPath(MarketingMessageDto) } }] } })
  @ApiResponse({ status: 202, description: 'One message: `{ leadId, duplicate }`. A batch whose every message was accepted: `{ results, accepted, duplicates, failed }`' })
  @ApiResponse({ status: 207, description: 'A batch with at least one message not accepted: `results[i]` is `{ index, messageId, status: 202, leadId, duplicate }` or a problem (400 with `errors`, 503, 424 not tried after an earlier failure of the same lead)' })
  @ApiResponse({ status: 400, description: 'One message: invalid, every field named. A batch: not a batch (empty, over the limit, not JSON/NDJSON)' })
  @ApiResponse({ status: 401, description: 'No valid API key' })
  @ApiResponse({ status: 403, description: 'The role may not ingest marketing events' })
  @ApiResponse({ status: 503, description: 'One message: the database is unavailable; Retry-After' })
  async ingest(@Body() body: unknown, @Req() request: CommandRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<IngestResult | BatchAnswer> {
    const parsed = readMarketingBody(body, request.mediaType === NDJSON);
    const actor = request.principal.actor;
    if (parsed.kind === 'single') {
      response.code(202);
      return this.intake.single(parsed.message, actor);
    }
    const answer = await this.intake.batch(parsed.messages, actor);
    response.code(answer.failed === 0 ? 202 : 207);
    return answer;
  }
}
