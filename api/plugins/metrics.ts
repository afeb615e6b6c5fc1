import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Metrics of this API instance; the worker's Temporal runtime metrics are appended when their endpoint is known. */
export interface Metrics {
  registry: Registry;
  workflowsStarted: Counter<'process'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gds_api_' });
  return {
    registry,
    workflowsStarted: new Counter({ name: 'gds_workflows_started_total', help: 'Cases whose workflow the API started', labelNames: ['process'], registers: [registry] }),
  };
}

/**
 * HTTP metrics by route, and `GET /metrics` in Prometheus text format. `TEMPORAL_METRICS_URL` (the worker runtime's
 * Prometheus endpoint) adds the workflow and activity metrics of the Temporal SDK.
 */
export function installMetrics(app: FastifyInstance, metrics: Metrics, temporalMetricsUrl = process.env.TEMPORAL_METRICS_URL): void {
  const duration = new Histogram({
    name: 'gds_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    let text = await metrics.registry.metrics();
    if (temporalMetricsUrl) {
      const runtime = await fetch(temporalMetricsUrl, { signal: AbortSignal.timeout(2000) }).then((r) => (r.ok ? r.text() : ''), () => '');
      text += runtime;
    }
    return reply.type(metrics.registry.contentType).send(text);
  });
}
