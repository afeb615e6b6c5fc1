import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requests, tasks } from '../../db/schema';
import { completeTaskUpdate } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { caller } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { IdParams, ProblemSchema, problemResponses } from '../schemas/common';
import { CompleteTaskBody, ListTasksQuery, Task } from '../schemas/tasks';
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
        return rows.map(taskView);
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
        const found = await db
          .select({ task: tasks, workflowId: requests.workflowId })
          .from(tasks)
          .innerJoin(requests, eq(tasks.requestId, requests.id))
          .where(eq(tasks.id, request.params.id));
        const row = found[0];
        // A task of another department does not exist as far as the caller can tell.
        if (!row || row.task.assigneeDepartmentId !== user.departmentId) throw HttpProblem.notFound('Task');
        try {
          await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(completeTaskUpdate, {
            args: [
              {
                taskId: row.task.id,
                actor: { userId: user.id, departmentId: user.departmentId, roles: user.roles },
                decision: request.body.decision,
                reason: request.body.reason,
              },
            ],
          });
        } catch (error) {
          throw problemForUpdateFailure(error) ?? HttpProblem.unavailable(`The task could not be completed now: ${(error as Error).message}`);
        }
        const updated = await db.select().from(tasks).where(eq(tasks.id, row.task.id));
        return taskView(updated[0]!);
      },
    );
  };
}
