import { createHmac } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departmentWebhooks, notifications, webhookDeliveries } from '../db/schema';
import { checkWebhookTarget, postToTarget, webhookPolicyFromEnv, type PostToTarget, type Resolve, type WebhookTargetPolicy } from './webhook-target';

/** `sha256=<hex>` of the body under the department's secret, sent as `X-GDS-Signature`. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** How deliveries reach the network; tests swap the resolver or the poster. */
export interface WebhookDeliveryOptions {
  /** @default webhookPolicyFromEnv() */
  policy?: WebhookTargetPolicy;
  /** @default the system resolver */
  resolve?: Resolve;
  /** @default postToTarget */
  post?: PostToTarget;
}

export function webhookActivities(db: Db, options: WebhookDeliveryOptions = {}) {
  const policy = options.policy ?? webhookPolicyFromEnv();
  const post = options.post ?? postToTarget;
  return {
    /**
     * POSTs notifications to the recipient departments' webhooks: an escalation's (by its id) or a hand-off's (by the
     * notices' ids, as the activity that wrote them returned them). Each delivery has a stable id
     * (`X-GDS-Delivery`) and is sent until it succeeds once; a failure throws so Temporal retries with backoff.
     * The target is checked again before every attempt (its host may resolve elsewhere by now) and the connection
     * goes to the address that was checked; a refused target is a failed attempt, recorded with the reason.
     */
    async deliverWebhooks(input: { escalationId: string } | { notificationIds: string[] }): Promise<{ delivered: number }> {
      const which = 'escalationId' in input ? eq(notifications.escalationId, input.escalationId) : input.notificationIds.length > 0 ? inArray(notifications.id, input.notificationIds) : undefined;
      if (!which) return { delivered: 0 };
      const rows = await db
        .select({ notification: notifications, hook: departmentWebhooks })
        .from(notifications)
        .innerJoin(departmentWebhooks, eq(departmentWebhooks.departmentId, notifications.recipientDepartmentId))
        .where(and(which, eq(departmentWebhooks.active, true)));
      const pending = rows.map((r) => ({ ...r, deliveryId: `${r.notification.id}@${r.hook.departmentId}` }));
      if (pending.length === 0) return { delivered: 0 };
      const done = new Set(
        (
          await db
            .select({ id: webhookDeliveries.id })
            .from(webhookDeliveries)
            .where(and(inArray(webhookDeliveries.id, pending.map((p) => p.deliveryId)), sql`${webhookDeliveries.deliveredAt} is not null`))
        ).map((d) => d.id),
      );
      const failures: string[] = [];
      let delivered = 0;
      for (const { notification, hook, deliveryId } of pending) {
        if (done.has(deliveryId)) continue;
        const body = JSON.stringify({
          id: deliveryId,
          kind: notification.kind,
          titleZh: notification.titleZh,
          titleEn: notification.titleEn,
          requestId: notification.requestId,
          taskId: notification.taskId,
          recipientRole: notification.recipientRole,
          createdAt: notification.createdAt.toISOString(),
          details: notification.details,
        });
        const checked = await checkWebhookTarget(hook.url, policy, options.resolve);
        const { status, error = null } = checked.ok
          ? await post(
              checked.target,
              { 'content-type': 'application/json', 'x-gds-delivery': deliveryId, 'x-gds-signature': signWebhookBody(hook.secret, body) },
              body,
            )
          : { status: null, error: `target refused: the URL ${checked.reason}` };
        await db
          .insert(webhookDeliveries)
          .values({ id: deliveryId, notificationId: notification.id, departmentId: hook.departmentId, attempts: 1, lastStatus: status, lastError: error, deliveredAt: error ? null : new Date() })
          .onConflictDoUpdate({
            target: webhookDeliveries.id,
            set: { attempts: sql`${webhookDeliveries.attempts} + 1`, lastStatus: status, lastError: error, deliveredAt: error ? null : new Date() },
          });
        if (error) failures.push(`${deliveryId}: ${error}`);
        else delivered += 1;
      }
      if (failures.length > 0) throw new Error(`webhook delivery failed: ${failures.join('; ')}`);
      return { delivered };
    },
  };
}
