import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app';

/** Server options for a listening API: logs without credentials or request bodies. */
export async function startApiServer(deps: AppDeps, opts: { port: number; host: string }): Promise<FastifyInstance> {
  const app = await buildApp(deps, {
    logger: { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
    trustProxy: process.env.TRUST_PROXY === 'true',
  });
  await app.listen({ port: opts.port, host: opts.host });
  return app;
}
