// Cross-cutting concerns every app mounts once: config, API-key auth, problem details, health,
// Prometheus.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { PLATFORM_CONFIG, type PlatformConfig } from './config/platform.config.js';
import { HealthController } from './health/health.controller.js';
import { HealthRegistry } from './health/health.registry.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { createMetricsRegistry, METRICS_REGISTRY, PrometheusController } from './observability/prometheus.js';

@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController, PrometheusController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
        HealthRegistry,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [PLATFORM_CONFIG, METRICS_REGISTRY, HealthRegistry],
    };
  }
}
