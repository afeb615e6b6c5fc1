import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';

/** Liveness and readiness, public for load balancers and orchestrators: they say up or down and which dependency, nothing more. */
export function healthRoutes({ db, temporal }: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { config: { public: true }, schema: { tags: ['health'], hide: true } }, async (_request, reply) => {
      const [postgres, temporalOk] = await Promise.all([
        db.execute(sql`select 1`).then(() => true, () => false),
        // A paused Temporal accepts the connection and never answers: not ready, said within seconds.
        temporal.withDeadline(Date.now() + 3_000, () => temporal.workflowService.getSystemInfo({})).then(() => true, () => false),
      ]);
      const ready = postgres && temporalOk;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', postgres, temporal: temporalOk });
    });
  };
}
