import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notificationReads, notifications } from '../../db/schema';
import type { AppDeps } from '../app';
import { caller, type AuthUser } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { IdParams, problemResponses } from '../schemas/common';

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  taskId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()], { description: 'When the caller read it' }),
});

const InboxQuery = Type.Object({ unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/** Notices to the caller: to the caller by name, or to a role the caller holds in its department. */
function addressedTo(user: AuthUser) {
  return and(
    eq(notifications.recipientDepartmentId, user.departmentId),
    or(eq(notifications.recipientUserId, user.id), and(isNull(notifications.recipientUserId), inArray(notifications.recipientRole, user.roles))),
  );
}

export function notificationRoutes({ db }: AppDeps) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/notifications',
      { schema: { tags: ['notifications'], summary: '通知 The caller’s inbox, newest first', querystring: InboxQuery, response: { 200: Type.Array(Notification), ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const rows = await db
          .select({ n: notifications, readAt: notificationReads.readAt })
          .from(notifications)
          .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)))
          .where(and(addressedTo(user), request.query.unread ? isNull(notificationReads.readAt) : undefined))
          .orderBy(desc(notifications.createdAt))
          .limit(200);
        return rows.map(({ n, readAt }) => ({
          id: n.id,
          kind: n.kind,
          titleZh: n.titleZh,
          titleEn: n.titleEn,
          requestId: n.requestId,
          taskId: n.taskId,
          details: n.details,
          createdAt: n.createdAt.toISOString(),
          readAt: readAt ? readAt.toISOString() : null,
        }));
      },
    );

    api.post(
      '/api/notifications/:id/read',
      { schema: { tags: ['notifications'], summary: '标为已读 Mark a notification read (for the caller)', params: IdParams, response: { 200: Type.Object({ id: Type.String(), readAt: Type.String() }), ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const [found] = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.id, request.params.id), addressedTo(user)));
        if (!found) throw HttpProblem.notFound('Notification');
        const readAt = new Date();
        await db.insert(notificationReads).values({ notificationId: found.id, userId: user.id, readAt }).onConflictDoNothing();
        const [read] = await db
          .select()
          .from(notificationReads)
          .where(and(eq(notificationReads.notificationId, found.id), eq(notificationReads.userId, user.id)));
        return { id: found.id, readAt: (read?.readAt ?? readAt).toISOString() };
      },
    );
  };
}
