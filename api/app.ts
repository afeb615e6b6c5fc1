import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import type { CalendarStore } from '../db/calendar-store';
import type { PackStore } from '../db/pack-store';
import { packStore } from './packs';
import type { Db } from '../db/client';
import type { WebhookTargetPolicy } from '../activities/webhook-target';
import { installAuthentication, publicRoutes, recordRouteAccess } from './plugins/auth';
import { frameworkErrorProblem, noStoreByDefault } from './plugins/edge';
import { installJsonDepthLimit } from './input/json-depth';
import { installStrictValidation } from './input/validator';
import { installTextRules } from './plugins/text-rules';
import { createMetrics, installMetrics, type Metrics } from './plugins/metrics';
import { installDomainMetrics } from './plugins/domain-metrics';
import { installSecurity, resolveSecurityOptions, securityOptionsFromEnv, type SecurityOptions } from './plugins/security';
import { installProblemHandler } from './problem';
import { receiptPolicyFromEnv, type ReceiptPolicy } from './receipt';
import { apiKeyRoutes } from './routes/api-keys';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendar';
import { calendarPublicationRoutes } from './routes/calendar-publication';
import { rulePackRoutes } from './routes/rule-packs';
import { catalogueRoutes } from './routes/catalogue';
import { healthRoutes } from './routes/health';
import { icalRoutes } from './routes/ical';
import { notificationRoutes } from './routes/notifications';
import { oversightRoutes } from './routes/oversight';
import { ruleRoutes } from './routes/rules';
import { sessionRoutes } from './routes/sessions';
import { caseRoutes } from './routes/cases';
import { taskRoutes } from './routes/tasks';
import { webhookRoutes } from './routes/webhooks';
import { uiPlugin } from './plugins/ui';
import { ProblemSchema } from './schemas/common';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  calendar: CalendarStore;
  /** The rule packs cases bind: built-in and published at run time. @default a store of this instance's own */
  packs?: PackStore;
  /** @default securityOptionsFromEnv() */
  security?: SecurityOptions;
  /** @default a registry of this instance's own */
  metrics?: Metrics;
  /** Who may register an earlier receipt date, and how far back (local policy). @default receiptPolicyFromEnv() */
  receipt?: ReceiptPolicy;
  /** @default process.env.TEMPORAL_METRICS_URL */
  temporalMetricsUrl?: string;
  /** Which webhook URLs may be registered. @default webhookPolicyFromEnv() */
  webhookPolicy?: WebhookTargetPolicy;
  /** How long a decision waits for its case's workflow before a 503 that says it may still be recorded. @default taskUpdateWaitMsFromEnv() */
  taskUpdateWaitMs?: number;
  /** How long a submission waits for Temporal to start its workflow before a 503 that says it is kept. @default workflowStartWaitMsFromEnv() */
  workflowStartWaitMs?: number;
}

/** The API as a Fastify instance, not yet listening: `server.ts` listens, tests `inject`. */
export async function buildApp(given: AppDeps, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const deps: AppDeps = { ...given, packs: packStore(given), metrics: given.metrics ?? createMetrics(), receipt: given.receipt ?? receiptPolicyFromEnv() };
  // The route schemas bound path parameters (and name them in a 400); the router's own limit (100) is only a backstop.
  const app = Fastify({ frameworkErrors: frameworkErrorProblem, maxParamLength: 1000, ...options });
  // First, so that it sees every route; authentication is decided on what it records (public, or not).
  recordRouteAccess(app);
  installProblemHandler(app);
  noStoreByDefault(app);
  installStrictValidation(app);
  installJsonDepthLimit(app);
  installTextRules(app);
  app.addSchema(ProblemSchema);
  const security = resolveSecurityOptions(deps.security ?? securityOptionsFromEnv());
  await installSecurity(app, security);
  installMetrics(app, deps.metrics!, { token: security.metricsToken, temporalMetricsUrl: deps.temporalMetricsUrl ?? process.env.TEMPORAL_METRICS_URL });
  // Open and overdue tasks, rungs fired, deadlines missed: read from the read model at scrape time (kept unless given).
  installDomainMetrics(deps.metrics!, { db: deps.db, calendar: () => deps.calendar.current() });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '政务数据共享审批 Government data sharing approvals API',
        version: '0.1.0',
        description: 'Statutory processes of the Hebei and Anhui government data sharing regulations, with working-day deadlines.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token from /api/auth/login, or an API key' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
  });
  if (security.apiDocs) await app.register(publicRoutes(swaggerUi, { routePrefix: '/docs' }));
  // After CORS, so that a preflight (which carries no credential) is answered before authentication.
  installAuthentication(app, deps.db, { sessionIdleMs: security.sessionIdleMinutes * 60_000, failuresPerMinute: security.authFailuresPerMinute });
  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps.db, security));
  await app.register(sessionRoutes(deps.db, security));
  await app.register(caseRoutes(deps));
  await app.register(taskRoutes(deps));
  await app.register(notificationRoutes(deps));
  await app.register(calendarRoutes(deps));
  await app.register(calendarPublicationRoutes(deps));
  await app.register(ruleRoutes(deps));
  await app.register(rulePackRoutes(deps));
  await app.register(webhookRoutes(deps));
  await app.register(catalogueRoutes(deps));
  await app.register(oversightRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(apiKeyRoutes(deps));
  await app.register(icalRoutes(deps));
  await app.register(publicRoutes(uiPlugin()));
  return app;
}
