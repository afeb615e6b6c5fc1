import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requests, tasks } from '../../db/schema';
import { completeTaskUpdate, requestExtensionUpdate } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caller } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { IdParams, ProblemSchema, problemResponses } from '../schemas/common';
import { Assignee, AssignBody, CompleteTaskBody, ExtensionBody, ListTasksQuery, OverrideClaimBody, ReassignBody, Task, TaskListItem } from '../schemas/tasks';
import { assignableUsers, assignTask } from '../task-assignment';
import { sendTaskUpdate, taskUpdateWaitMsFromEnv } from '../task-updates';
import { claimOrRelease, overrideClaim } from '../task-claims';
import { queryTasks, selectTaskRows } from '../task-queue';
import { packStore } from '../packs';
import { taskRowView, taskView } from '../views';
import { deadlineSummary } from '../deadline-summary';
import { visibleRequests } from '../visibility';
import type { Deadline } from '../../calendar';
import { things } from '../problem-text';
import { actedOnByOthers, actedOnByOthersNow } from '../task-acted';

export function taskRoutes(deps: AppDeps) {
  const { db } = deps;
  const updateWaitMs = deps.taskUpdateWaitMs ?? taskUpdateWaitMsFromEnv();
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: '我的待办 The caller\'s task queue (or an authority\'s level), due soonest first, searchable (q), sortable, paged; the total found in x-total-count, the next page of the default order in x-next-cursor',
          querystring: ListTasksQuery,
          response: { 200: Type.Array(TaskListItem), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { page, nextCursor, total } = await queryTasks(db, caller(request), request.query);
        const calendar = await deps.calendar.current();
        const packOf = await packStore(deps).resolver();
        if (nextCursor) void reply.header('x-next-cursor', nextCursor);
        void reply.header('x-total-count', String(total));
        return page.map((r) => ({ ...taskRowView(r, calendar, packOf), deadline: deadlineSummary(r.task.deadline as unknown as Deadline) }));
      },
    );

    api.get(
      '/api/tasks/:id',
      {
        schema: {
          tags: ['tasks'],
          summary: '待办详情 One task with its deadline explained day by day, and the texts that apply to its case; anyone who may see its case may see it',
          params: IdParams,
          response: { 200: Task, ...problemResponses },
        },
      },
      async (request) => {
        const [row] = await selectTaskRows(db).where(and(eq(tasks.id, request.params.id), visibleRequests(caller(request))));
        if (!row) throw HttpProblem.notFound(things.task);
        return taskRowView(row, await deps.calendar.current(), await packStore(deps).resolver(), { withTexts: true });
      },
    );

    api.post(
      '/api/tasks/:id/complete',
      {
        schema: {
          tags: ['tasks'],
          summary: '办结 Complete a task with a decision',
          params: IdParams,
          body: CompleteTaskBody,
          response: { 200: Task, 409: ProblemSchema, 422: ProblemSchema, 503: ProblemSchema, ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const row = await ownTask(request.params.id, user.departmentId);
        // The row just read: who completed or holds it, without reading it again.
        const actedOn = await actedOnByOthers(db, row.task, user.id);
        if (actedOn) throw actedOn;
        await sendTaskUpdate(
          deps.temporal,
          row.workflowId,
          completeTaskUpdate,
          {
            taskId: row.task.id,
            actor: { userId: user.id, departmentId: user.departmentId, roles: user.roles },
            decision: request.body.decision,
            reason: request.body.reason,
            ...(request.body.legalBasis ? { legalBasis: request.body.legalBasis } : {}),
            payload: request.body.payload,
          },
          updateWaitMs,
          { zh: '办理结果', en: 'decision' },
        ).catch(async (error: unknown) => {
          // Someone acted between the read above and the case taking this one: say who, not only "conflict".
          if (error instanceof HttpProblem && error.status === 409) throw (await actedOnByOthersNow(db, row.task.id, user.id)) ?? error;
          throw error;
        });
        const updated = await db.select().from(tasks).where(eq(tasks.id, row.task.id));
        return taskView(updated[0]!, await deps.calendar.current(), new Date(), await packStore(deps).forCase(row.pack, row.packHash));
      },
    );

    for (const action of ['claim', 'release'] as const) {
      api.post(
        `/api/tasks/:id/${action}`,
        {
          schema: {
            tags: ['tasks'],
            summary: action === 'claim' ? '认领 Claim a task: others see who is on it' : '释放 Release a claimed task',
            params: IdParams,
            response: { 200: Task, 409: ProblemSchema, ...problemResponses },
          },
        },
        async (request) => {
          const updated = await claimOrRelease(db, caller(request), request.params.id, action);
          return taskView(updated, await deps.calendar.current());
        },
      );
    }

    api.post(
      '/api/tasks/:id/override-claim',
      {
        schema: {
          tags: ['tasks'],
          summary: '强制释放 Release another user’s claim (the supervisor of the task’s authority, or an admin), with reasons',
          params: IdParams,
          body: OverrideClaimBody,
          response: { 200: Task, 409: ProblemSchema, ...problemResponses },
        },
      },
      async (request) => {
        const updated = await overrideClaim(db, caller(request), request.params.id, request.body.reason);
        return taskView(updated, await deps.calendar.current());
      },
    );

    api.get(
      '/api/tasks/:id/assignees',
      {
        schema: {
          tags: ['tasks'],
          summary: '可承办人员 The people who may take the task (of its department, holding its role), for the supervisor of its authority',
          params: IdParams,
          response: { 200: Type.Array(Assignee), ...problemResponses },
        },
      },
      async (request) => assignableUsers(db, caller(request), request.params.id),
    );

    api.post(
      '/api/tasks/:id/assign',
      {
        schema: {
          tags: ['tasks'],
          summary: '指派 Give an unclaimed task to a named person (the supervisor of the task’s authority); they hold it as if claimed',
          params: IdParams,
          body: AssignBody,
          response: { 200: Task, 409: ProblemSchema, 422: ProblemSchema, ...problemResponses },
        },
      },
      async (request) => {
        const updated = await assignTask(db, caller(request), request.params.id, 'assign', request.body.userId);
        return taskView(updated, await deps.calendar.current());
      },
    );

    api.post(
      '/api/tasks/:id/reassign',
      {
        schema: {
          tags: ['tasks'],
          summary: '转办 Give a claimed task to another person, with written reasons (the supervisor of the task’s authority)',
          params: IdParams,
          body: ReassignBody,
          response: { 200: Task, 409: ProblemSchema, 422: ProblemSchema, ...problemResponses },
        },
      },
      async (request) => {
        const updated = await assignTask(db, caller(request), request.params.id, 'reassign', request.body.userId, request.body.reason);
        return taskView(updated, await deps.calendar.current());
      },
    );

    api.post(
      '/api/tasks/:id/extension',
      {
        schema: {
          tags: ['tasks'],
          summary: '申请延期 Ask the authority to extend the task’s period, within what the statute allows',
          params: IdParams,
          body: ExtensionBody,
          response: {
            202: Type.Object({ decisionTaskId: Type.String() }),
            409: ProblemSchema,
            422: ProblemSchema,
            503: ProblemSchema,
            ...problemResponses,
          },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        const row = await ownTask(request.params.id, user.departmentId);
        const result = await sendTaskUpdate(
          deps.temporal,
          row.workflowId,
          requestExtensionUpdate,
          {
            taskId: row.task.id,
            actor: { userId: user.id, departmentId: user.departmentId, roles: user.roles },
            n: request.body.n,
            reason: request.body.reason,
          },
          updateWaitMs,
          { zh: '延期申请', en: 'extension request' },
        );
        return reply.status(202).send(result);
      },
    );
  };

  /** A task of another department does not exist as far as the caller can tell. */
  async function ownTask(taskId: string, departmentId: string) {
    const [row] = await db
      .select({ task: tasks, workflowId: requests.workflowId, pack: requests.pack, packHash: requests.packHash })
      .from(tasks)
      .innerJoin(requests, eq(tasks.requestId, requests.id))
      .where(eq(tasks.id, taskId));
    if (!row || row.task.assigneeDepartmentId !== departmentId) throw HttpProblem.notFound(things.task);
    return row;
  }
}
