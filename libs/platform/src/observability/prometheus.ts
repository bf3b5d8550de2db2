// One Prometheus registry per application, provided by Nest so tests get their own.
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { Public } from '../auth/roles.decorator.js';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export const createMetricsRegistry = (): Registry => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
};

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
