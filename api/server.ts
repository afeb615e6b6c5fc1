import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app';
import { createMetrics, metricsServer } from './plugins/metrics';
import { trustProxyFromEnv } from './plugins/security';

/** A URL with a calendar subscription's secret replaced, for logs. */
export function redactFeedSecret(url: string): string {
  return url.replace(/(\/feeds\/)[^/?#]+/i, '$1[secret].ics');
}

/** The API's log: no credentials, no request bodies, no calendar subscription secret (`…/feeds/[secret].ics`). */
export function apiLoggerOptions() {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
    serializers: {
      req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactFeedSecret(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

/**
 * Server options for a listening API: logs without credentials or request bodies. With `METRICS_BIND` (host:port),
 * `/metrics` is served on that address of its own — for Prometheus on an internal network — and closes with the API.
 */
export async function startApiServer(deps: AppDeps, opts: { port: number; host: string; metricsBind?: string }): Promise<FastifyInstance> {
  const metrics = deps.metrics ?? createMetrics();
  const app = await buildApp(
    { ...deps, metrics },
    {
      logger: apiLoggerOptions(),
      trustProxy: trustProxyFromEnv(),
    },
  );
  const bind = opts.metricsBind ?? process.env.METRICS_BIND;
  if (bind) {
    const server = await metricsServer(metrics, bind, deps.temporalMetricsUrl ?? process.env.TEMPORAL_METRICS_URL);
    app.addHook('onClose', () => server.close());
  }
  await app.listen({ port: opts.port, host: opts.host });
  return app;
}
