import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkWebhookTarget, webhookPolicyFromEnv } from '../../activities/webhook-target';
import { apiEventKey, appendAudit } from '../../db/audit';
import { departmentWebhooks, departments } from '../../db/schema';
import type { AppDeps } from '../app';
import { caller, peopleOnly, type AuthUser } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { problemResponses } from '../schemas/common';
import { text, things } from '../problem-text';

const DepartmentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const WebhookBody = Type.Object({ url: Type.String({ format: 'uri', maxLength: 500, pattern: '^https?://' }) }, { additionalProperties: false });
const WebhookView = Type.Object({ departmentId: Type.String(), url: Type.String(), active: Type.Boolean(), secret: Type.Optional(Type.String()) });

/** A department's people manage its own webhook (an API key manages none: `peopleOnly`); an admin manages any. */
function mayManage(user: AuthUser, departmentId: string): void {
  if (user.departmentId !== departmentId && !user.roles.includes('admin')) throw HttpProblem.notFound(things.department);
}

export function webhookRoutes({ db, webhookPolicy }: AppDeps) {
  const policy = webhookPolicy ?? webhookPolicyFromEnv();
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const schema = { tags: ['notifications'], params: DepartmentParams };
    const preHandler = peopleOnly;

    api.get('/api/departments/:id/webhook', { preHandler, schema: { ...schema, summary: '部门回调 The department webhook', response: { 200: WebhookView, ...problemResponses } } }, async (request) => {
      mayManage(caller(request), request.params.id);
      const [hook] = await db.select().from(departmentWebhooks).where(eq(departmentWebhooks.departmentId, request.params.id));
      if (!hook) throw HttpProblem.notFound(things.webhook);
      return { departmentId: hook.departmentId, url: hook.url, active: hook.active };
    });

    api.put(
      '/api/departments/:id/webhook',
      { preHandler, schema: { ...schema, summary: '设置部门回调 Set the webhook; the signing secret is shown once', body: WebhookBody, response: { 200: WebhookView, ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        mayManage(user, request.params.id);
        // An admin may name any department: one that does not exist has no webhook to set (and no row to refer to).
        const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, request.params.id));
        if (!department) throw HttpProblem.notFound(things.department);
        // Checked here so a bad target is refused at once; checked again before every delivery (DNS may change).
        const target = await checkWebhookTarget(request.body.url, policy);
        if (!target.ok) throw HttpProblem.badRequest('body.url', text(target.reasonZh, target.reason));
        const secret = randomBytes(24).toString('base64url');
        const row = { departmentId: request.params.id, url: request.body.url, secret, active: true, updatedAt: new Date() };
        await db.transaction(async (tx) => {
          await tx.insert(departmentWebhooks).values(row).onConflictDoUpdate({ target: departmentWebhooks.departmentId, set: row });
          await appendAudit(tx, {
            eventKey: apiEventKey('webhook.set', request.params.id),
            at: row.updatedAt,
            action: 'webhook.set',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { departmentId: request.params.id, url: request.body.url },
          });
        });
        return { departmentId: row.departmentId, url: row.url, active: true, secret };
      },
    );

    api.delete('/api/departments/:id/webhook', { preHandler, schema: { ...schema, summary: '停用部门回调 Turn the webhook off', response: { 200: WebhookView, ...problemResponses } } }, async (request) => {
      const user = caller(request);
      mayManage(user, request.params.id);
      const hook = await db.transaction(async (tx) => {
        const [off] = await tx.update(departmentWebhooks).set({ active: false, updatedAt: new Date() }).where(eq(departmentWebhooks.departmentId, request.params.id)).returning();
        if (!off) return undefined;
        await appendAudit(tx, {
          eventKey: apiEventKey('webhook.off', request.params.id),
          at: off.updatedAt,
          action: 'webhook.off',
          actorUserId: user.id,
          actorDepartmentId: user.departmentId,
          details: { departmentId: request.params.id },
        });
        return off;
      });
      if (!hook) throw HttpProblem.notFound(things.webhook);
      return { departmentId: hook.departmentId, url: hook.url, active: false };
    });
  };
}
