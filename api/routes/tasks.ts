import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requests, tasks } from '../../db/schema';
import { completeTaskUpdate, requestExtensionUpdate } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caller } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { IdParams, ProblemSchema, problemResponses } from '../schemas/common';
import { CompleteTaskBody, ExtensionBody, ListTasksQuery, Task } from '../schemas/tasks';
import { problemForUpdateFailure } from '../temporal-errors';
import { taskView } from '../views';

export function taskRoutes(deps: AppDeps) {
  const { db } = deps;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: '我的待办 The caller\'s task queue, due soonest first',
          querystring: ListTasksQuery,
          response: { 200: Type.Array(Task), ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const status = request.query.status ?? 'open';
        const conditions = [eq(tasks.assigneeDepartmentId, user.departmentId), inArray(tasks.assigneeRole, user.roles)];
        if (status !== 'all') conditions.push(eq(tasks.status, status));
        const rows = await db
          .select()
          .from(tasks)
          .where(and(...conditions))
          .orderBy(asc(tasks.dueAt))
          .limit(request.query.limit ?? 50);
        const calendar = await deps.calendar.current();
        return rows.map((t) => taskView(t, calendar));
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
        try {
          await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(completeTaskUpdate, {
            args: [
              {
                taskId: row.task.id,
                actor: { userId: user.id, departmentId: user.departmentId, roles: user.roles },
                decision: request.body.decision,
                reason: request.body.reason,
                payload: request.body.payload,
              },
            ],
          });
        } catch (error) {
          throw problemForUpdateFailure(error) ?? HttpProblem.unavailable(`The task could not be completed now: ${(error as Error).message}`);
        }
        const updated = await db.select().from(tasks).where(eq(tasks.id, row.task.id));
        return taskView(updated[0]!, await deps.calendar.current());
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
        try {
          const result = await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(requestExtensionUpdate, {
            args: [
              {
                taskId: row.task.id,
                actor: { userId: user.id, departmentId: user.departmentId, roles: user.roles },
                n: request.body.n,
                reason: request.body.reason,
              },
            ],
          });
          return reply.status(202).send(result);
        } catch (error) {
          throw problemForUpdateFailure(error) ?? HttpProblem.unavailable(`The extension could not be requested now: ${(error as Error).message}`);
        }
      },
    );
  };

  /** A task of another department does not exist as far as the caller can tell. */
  async function ownTask(taskId: string, departmentId: string) {
    const [row] = await db
      .select({ task: tasks, workflowId: requests.workflowId })
      .from(tasks)
      .innerJoin(requests, eq(tasks.requestId, requests.id))
      .where(eq(tasks.id, taskId));
    if (!row || row.task.assigneeDepartmentId !== departmentId) throw HttpProblem.notFound('Task');
    return row;
  }
}
