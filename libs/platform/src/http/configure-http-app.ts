// What every HTTP app of Leadline shares: the Fastify adapter, body parsing and limits, correlation
// ids, request metrics, validation, OpenAPI at /docs.
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { authenticateBeforeParsing } from '../auth/authenticate-before-parsing.hook.js';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform.config.js';
import { httpMetricsHook } from '../observability/http-metrics.hook.js';
import { METRICS_REGISTRY } from '../observability/prometheus.js';
import { correlationIdHook } from './correlation-id.hook.js';
import { replyToClientError, replyWithProblem } from './problem-details.filter.js';
import { createValidationPipe } from './validation.js';

/** Bytes; larger than any legitimate command; marketing batches of 500 messages fit. */
export const BODY_LIMIT = 2 * 1024 * 1024;

/** `application/*+json` (RFC 6839), as Fastify matches it: against `type/subtype; params`. */
const STRUCTURED_JSON = /^application\/[^;/]+\+json(?:;|$)/;
const NDJSON = 'application/x-ndjson';

export const createHttpAdapter = (): FastifyAdapter =>
  new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    // Refused before any hook or Nest's error handler runs, and still answered with problem details:
    // a URL the router cannot read (malformed, an over-long parameter), and what is not HTTP at all.
    frameworkErrors: replyWithProblem,
    clientErrorHandler: replyToClientError,
    // Express matched routes case-insensitively and with or without a trailing slash; clients may rely on it.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    // Node's default, which Express kept and Fastify turns off: no client holds a request open for ever.
    requestTimeout: 300_000,
  });

export const configureHttpApp = (app: NestFastifyApplication, title: string): void => {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', correlationIdHook);
  fastify.addHook('onRequest', authenticateBeforeParsing(app.get<PlatformConfig>(PLATFORM_CONFIG).apiKeys));
  fastify.addHook('onResponse', httpMetricsHook(app.get(METRICS_REGISTRY)));
  // Fastify parses application/json itself; `+json` types the same way, NDJSON is split by the marketing ingest.
  fastify.addContentTypeParser(STRUCTURED_JSON, { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'));
  fastify.addContentTypeParser(NDJSON, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription('Leadline: event-sourced lead lifecycle. Errors are RFC 9457 problem details (application/problem+json).')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
};
