/**
 * The API process (`npm run api`): server options, listening, graceful shutdown. Needs DATABASE_URL and
 * TEMPORAL_ADDRESS; starts nothing else and does not migrate (`npm run db:migrate`). Also a module: `npm start` listens
 * with {@link startApiServer}.
 */
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CalendarStore } from '../db/calendar-store';
import { connectDb } from '../db/client';
import { connectionOptions, loadTemporalConfig } from '../temporal.config';
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

/** The API's address from `PORT` (@default 3000) and `HOST` (@default 127.0.0.1). */
export function listenAddressFromEnv(): { port: number; host: string } {
  return { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' };
}

async function main(): Promise<void> {
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS']) {
    if (!process.env[name]) throw new Error(`${name} must be set to run the API (npm start runs everything on embedded defaults)`);
  }
  const config = loadTemporalConfig();
  const { db, close } = connectDb(process.env.DATABASE_URL!);
  const connection = await Connection.connect(connectionOptions(config));
  const temporal = new Client({ connection, namespace: config.namespace });
  const { port, host } = listenAddressFromEnv();
  const app = await startApiServer({ db, temporal, taskQueue: config.taskQueue, calendar: new CalendarStore(db, 1000) }, { port, host });
  console.log(`API listening on http://${host}:${port}/api (Temporal ${config.address}, ${config.namespace}, ${config.taskQueue}) — Ctrl-C stops it`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Requests in flight finish; new connections are refused.
    await app.close();
    await connection.close();
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
