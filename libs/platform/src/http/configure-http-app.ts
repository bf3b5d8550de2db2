// What every HTTP app of Leadline shares: body limits, correlation ids, validation, OpenAPI at /docs.
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { correlationIdMiddleware } from './correlation-id.middleware.js';
import { createValidationPipe } from './validation.js';

/** Larger than any legitimate command; marketing batches of 500 messages fit. */
export const BODY_LIMIT = '2mb';

export const configureHttpApp = (app: INestApplication, title: string): void => {
  const express = app as NestExpressApplication;
  express.use(correlationIdMiddleware);
  express.useBodyParser('json', { limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  express.useBodyParser('text', { limit: BODY_LIMIT, type: ['application/x-ndjson'] });
  express.disable('x-powered-by');
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
