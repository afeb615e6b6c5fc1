import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notifications } from '../../db/schema';
import type { AppDeps } from '../app';
import { caller } from '../plugins/auth';
import { problemResponses } from '../schemas/common';

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  taskId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export function notificationRoutes({ db }: AppDeps) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/api/notifications',
      { schema: { tags: ['notifications'], summary: '通知 The caller\'s inbox', response: { 200: Type.Array(Notification), ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const rows = await db
          .select()
          .from(notifications)
          .where(
            and(
              eq(notifications.recipientDepartmentId, user.departmentId),
              or(eq(notifications.recipientUserId, user.id), and(isNull(notifications.recipientUserId), inArray(notifications.recipientRole, user.roles))),
            ),
          )
          .orderBy(desc(notifications.createdAt))
          .limit(200);
        return rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          titleZh: n.titleZh,
          titleEn: n.titleEn,
          requestId: n.requestId,
          taskId: n.taskId,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt ? n.readAt.toISOString() : null,
        }));
      },
    );
  };
}
