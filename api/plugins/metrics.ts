import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { HttpProblem } from '../problem';
import type { DomainMetrics } from './domain-metrics';

/** Metrics of this API instance; the worker's Temporal runtime metrics are appended when their endpoint is known. */
export interface Metrics {
  registry: Registry;
  workflowsStarted: Counter<'process'>;
  /** The domain gauges (open and overdue tasks, rungs fired…), once `installDomainMetrics` registered them. */
  domain?: DomainMetrics;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gds_api_' });
  return {
    registry,
    workflowsStarted: new Counter({ name: 'gds_workflows_started_total', help: 'Cases whose workflow the API started', labelNames: ['process'], registers: [registry] }),
  };
}

export interface MetricsOptions {
  /** Serve `GET /metrics` on the API, answering only `Authorization: Bearer <token>`. Unset: the API serves no `/metrics`. */
  token?: string;
  /** The worker runtime's Prometheus endpoint, whose workflow and activity metrics are appended. */
  temporalMetricsUrl?: string;
}

async function sendMetrics(metrics: Metrics, temporalMetricsUrl: string | undefined, reply: FastifyReply) {
  let text = await metrics.registry.metrics();
  if (temporalMetricsUrl) {
    text += await fetch(temporalMetricsUrl, { signal: AbortSignal.timeout(2000) }).then((r) => (r.ok ? r.text() : ''), () => '');
  }
  return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(text);
}

function sameSecret(given: string, expected: string): boolean {
  // Hashes first: equal lengths for timingSafeEqual, and no early exit on the length of the secret.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * HTTP metrics by route, and — with a token — `GET /metrics` in Prometheus text format behind that token (the route
 * is public to the session check and checks the token itself). Without a token, serve metrics on a separate address
 * with `metricsServer` (Prometheus' usual way) or not at all.
 */
export function installMetrics(app: FastifyInstance, metrics: Metrics, options: MetricsOptions = {}): void {
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
  const token = options.token;
  if (!token) return;
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7).trim(), token)) {
      throw HttpProblem.unauthorized('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
    }
    return sendMetrics(metrics, options.temporalMetricsUrl, reply);
  });
}

/** A listener of its own that serves only `GET /metrics`, for a bind address only Prometheus reaches (`METRICS_BIND`). */
export async function metricsServer(metrics: Metrics, bind: string, temporalMetricsUrl?: string): Promise<FastifyInstance> {
  const match = /^(.*):(\d+)$/.exec(bind);
  if (!match) throw new Error(`METRICS_BIND must be host:port, not ${JSON.stringify(bind)}`);
  const server = Fastify();
  server.get('/metrics', async (_request, reply) => sendMetrics(metrics, temporalMetricsUrl, reply));
  await server.listen({ host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) });
  return server;
}
