import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { catalogueEntries, notificationReads, notifications, requests, tasks } from '../../db/schema';
import type { AppDeps } from '../app';
import { caller, type AuthUser } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { IdParams, problemResponses } from '../schemas/common';
import { things } from '../problem-text';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: '`task.assigned`, `case.decided`, `case.closed`, `extension.granted`, `extension.refused`, or `escalation.<rung>`' }),
  titleZh: Type.String(),
  titleEn: Type.String(),
  requestId: Nullable(Type.String()),
  taskId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  case: Nullable(
    Type.Object(
      {
        process: Type.String(),
        caseNumber: Type.String({ description: '受理编号, e.g. 冀数共申〔2026〕0001号' }),
        catalogueEntryId: Nullable(Type.String()),
        entryNameZh: Nullable(Type.String()),
        entryNameEn: Nullable(Type.String()),
        requesterDepartmentId: Type.String(),
      },
      { description: 'Which case the notice is about: the process and the catalogue entry by name' },
    ),
  ),
  task: Nullable(
    Type.Object(
      {
        step: Type.String(),
        titleZh: Type.String(),
        titleEn: Type.String(),
        assigneeDepartmentId: Type.String(),
        dueAt: Type.String(),
        status: Type.String(),
      },
      { description: 'The task the notice is about, as it stands now (the notice’s details say how it stood then)' },
    ),
  ),
  createdAt: Type.String(),
  readAt: Nullable(Type.String({ description: 'When the caller read it' })),
});

const InboxQuery = Type.Object({ unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const ReadAllBody = Type.Object(
  {
    upTo: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Only notices created at or before this instant (the newest one the caller has seen), so one arriving meanwhile stays unread',
      }),
    ),
  },
  { additionalProperties: false },
);

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
          .select({
            n: notifications,
            readAt: notificationReads.readAt,
            process: requests.process,
            caseNumber: requests.caseNumber,
            catalogueEntryId: requests.catalogueEntryId,
            requesterDepartmentId: requests.requesterDepartmentId,
            entryNameZh: catalogueEntries.nameZh,
            entryNameEn: catalogueEntries.nameEn,
            task: { step: tasks.step, titleZh: tasks.titleZh, titleEn: tasks.titleEn, assigneeDepartmentId: tasks.assigneeDepartmentId, dueAt: tasks.dueAt, status: tasks.status },
          })
          .from(notifications)
          .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)))
          .leftJoin(requests, eq(requests.id, notifications.requestId))
          .leftJoin(catalogueEntries, eq(catalogueEntries.id, requests.catalogueEntryId))
          .leftJoin(tasks, eq(tasks.id, notifications.taskId))
          .where(and(addressedTo(user), request.query.unread ? isNull(notificationReads.readAt) : undefined))
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
          .limit(200);
        return rows.map(({ n, readAt, process, caseNumber, catalogueEntryId, requesterDepartmentId, entryNameZh, entryNameEn, task }) => ({
          id: n.id,
          kind: n.kind,
          titleZh: n.titleZh,
          titleEn: n.titleEn,
          requestId: n.requestId,
          taskId: n.taskId,
          details: n.details,
          case: process && requesterDepartmentId ? { process, caseNumber: caseNumber ?? '', catalogueEntryId, entryNameZh, entryNameEn, requesterDepartmentId } : null,
          task: task ? { ...task, dueAt: task.dueAt.toISOString() } : null,
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
        if (!found) throw HttpProblem.notFound(things.notification);
        const readAt = new Date();
        await db.insert(notificationReads).values({ notificationId: found.id, userId: user.id, readAt }).onConflictDoNothing();
        const [read] = await db
          .select()
          .from(notificationReads)
          .where(and(eq(notificationReads.notificationId, found.id), eq(notificationReads.userId, user.id)));
        return { id: found.id, readAt: (read?.readAt ?? readAt).toISOString() };
      },
    );

    api.post(
      '/api/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          summary: '全部标为已读 Mark every notice of the caller read (for the caller alone)',
          description:
            'Only the notices addressed to the caller (by name, or to a role it holds in its department) and not yet read by it; another reader of the same notice keeps its own unread state. Like marking one notice read, it changes no case and is not in the audit trail.',
          body: ReadAllBody,
          response: { 200: Type.Object({ marked: Type.Integer({ description: 'How many notices this marked read' }), readAt: Type.String() }), ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const upTo = request.body?.upTo;
        const readAt = new Date();
        const unread = db
          .select({ notificationId: notifications.id, userId: sql<string>`${user.id}`.as('user_id'), readAt: sql<Date>`${readAt.toISOString()}::timestamptz`.as('read_at') })
          .from(notifications)
          .leftJoin(notificationReads, and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, user.id)))
          .where(and(addressedTo(user), isNull(notificationReads.readAt), upTo ? lte(notifications.createdAt, new Date(upTo)) : undefined));
        const marked = await db.insert(notificationReads).select(unread).onConflictDoNothing().returning({ id: notificationReads.notificationId });
        return { marked: marked.length, readAt: readAt.toISOString() };
      },
    );
  };
}
