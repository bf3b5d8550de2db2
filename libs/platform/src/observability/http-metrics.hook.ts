// Request durations for Prometheus, observed once Fastify has answered: the status is the one the
// client got (refusals and errors included), and the route is the template (`/v1/leads/:id`), never
// the raw URL, so there is one series per route and not one per lead. A Fastify hook rather than a
// Nest interceptor: it also sees what is answered before a controller runs, and costs no Observable.
import type { onResponseHookHandler } from 'fastify';
import { Histogram, type Registry } from 'prom-client';

export const httpMetricsHook = (registry: Registry): onResponseHookHandler => {
  const duration = new Histogram({
    name: 'leadline_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (request, reply, done) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  };
};
