// One Prometheus registry per application, provided by Nest so tests get their own.
import { Controller, Get, Header, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { finalize, type Observable } from 'rxjs';
import { Public } from '../auth/roles.decorator.js';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export const createMetricsRegistry = (): Registry => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
};

@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  private readonly duration: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: 'leadline_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    // The route template (`/v1/leads/:id`), never the raw URL: one series per route, not per lead.
    const stop = this.duration.startTimer({ method: request.method, route: request.routeOptions.url ?? 'unknown' });
    return next.handle().pipe(finalize(() => stop({ status: String(http.getResponse<FastifyReply>().statusCode) })));
  }
}

@ApiExcludeController()
@Public()
@Controller('metrics')
export class PrometheusController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
