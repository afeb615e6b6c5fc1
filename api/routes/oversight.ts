import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { departments, escalationRungs, escalations, requests, tasks } from '../../db/schema';
import type { AppDeps } from '../app';
import { assess, assessmentCsv, isoWeek } from '../assessment';
import { allow, caller, type AuthUser } from '../plugins/auth';
import { isStorableInstant } from '../input/instants';
import { HttpProblem } from '../problem';
import { problemResponses } from '../schemas/common';
import { staysOpen } from '../views';
import { text } from '../problem-text';

const EscalationView = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  requestId: Type.String(),
  process: Type.String(),
  taskTitleZh: Type.String(),
  taskTitleEn: Type.String(),
  rung: Type.String(),
  basis: Type.Union([Type.Literal('law'), Type.Literal('draft'), Type.Literal('policy'), Type.Null()], {
    description: 'Whether the measure is in the text (law), the 2022 draft (draft) or local policy; null on rungs of older cases',
  }),
  stepTitleZh: Type.String(),
  stepTitleEn: Type.String(),
  dueAt: Type.String({ description: 'When the step was due when the rung fired' }),
  timeLimitEndsAt: Type.Union([Type.String(), Type.Null()], { description: 'The end of the time limit the notice set (rectification)' }),
  notified: Type.Array(Type.String(), { description: 'department:role of each body notified' }),
  scheduledAt: Type.String(),
  firedAt: Type.String(),
  responsibleDepartmentId: Type.String(),
  explanation: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const EscalationQuery = Type.Object(
  {
    requestId: Type.Optional(Type.String({ format: 'uuid' })),
    rung: Type.Optional(Type.Union(escalationRungs.map((r) => Type.Literal(r)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);

const AssessmentQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First day (Asia/Shanghai) of the period, by due date' }),
    to: Type.String({ format: 'date', description: 'Last day of the period' }),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
  },
  { additionalProperties: false },
);

const Assessment = Type.Object({
  authorityDepartmentId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  departments: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  overdueByWeek: Type.Array(Type.Object({ week: Type.String(), overdue: Type.Integer() })),
});

/** Escalations the caller may see: its own department's, its level's for an authority, reports to it for a government. */
async function escalationScope(deps: AppDeps, user: AuthUser): Promise<SQL> {
  if (user.department.kind === 'authority') return eq(requests.authorityDepartmentId, user.departmentId);
  if (user.department.kind === 'government') {
    const authorities = await deps.db.select({ id: departments.id }).from(departments).where(eq(departments.governmentId, user.departmentId));
    const ids = authorities.map((a) => a.id);
    if (ids.length === 0) return eq(escalations.responsibleDepartmentId, user.departmentId);
    return and(
      or(eq(escalations.rung, 'government-report'), eq(escalations.rung, 'oversight-report')),
      or(...ids.map((id) => eq(requests.authorityDepartmentId, id))),
    )!;
  }
  return eq(escalations.responsibleDepartmentId, user.departmentId);
}

export function oversightRoutes(deps: AppDeps) {
  const { db } = deps;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/escalations',
      {
        schema: {
          tags: ['oversight'],
          summary: '督办 Escalations the caller may see, newest first',
          querystring: EscalationQuery,
          response: { 200: Type.Array(EscalationView), ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const filters: SQL[] = [await escalationScope(deps, user)];
        if (request.query.requestId) filters.push(eq(escalations.requestId, request.query.requestId));
        if (request.query.rung) filters.push(eq(escalations.rung, request.query.rung));
        const rows = await db
          .select({ e: escalations, process: requests.process, titleZh: tasks.titleZh, titleEn: tasks.titleEn, dueAt: tasks.dueAt })
          .from(escalations)
          .innerJoin(requests, eq(escalations.requestId, requests.id))
          .innerJoin(tasks, eq(escalations.taskId, tasks.id))
          .where(and(...filters))
          .orderBy(desc(escalations.firedAt))
          .limit(request.query.limit ?? 200);
        return rows.map(({ e, process, titleZh, titleEn, dueAt }) => {
          const d = e.details as {
            explanation?: Record<string, unknown>;
            basis?: 'law' | 'draft' | 'policy';
            stepTitleZh?: string;
            stepTitleEn?: string;
            dueAt?: string;
            timeLimitEndsAt?: string;
            notified?: string[];
          };
          return {
          id: e.id,
          taskId: e.taskId,
          requestId: e.requestId,
          process,
          taskTitleZh: titleZh,
          taskTitleEn: titleEn,
          rung: e.rung,
          basis: d.basis ?? null,
          stepTitleZh: d.stepTitleZh ?? titleZh,
          stepTitleEn: d.stepTitleEn ?? titleEn,
          dueAt: d.dueAt ?? dueAt.toISOString(),
          timeLimitEndsAt: d.timeLimitEndsAt ?? null,
          notified: d.notified ?? [],
          scheduledAt: e.scheduledAt.toISOString(),
          firedAt: e.firedAt.toISOString(),
          responsibleDepartmentId: e.responsibleDepartmentId,
          explanation: d.explanation ?? null,
          };
        });
      },
    );

    api.get(
      '/api/assessment',
      {
        preHandler: allow('authority-reviewer', 'authority-supervisor', 'admin'),
        schema: {
          tags: ['oversight'],
          summary: '考核 Per-department on-time rate, lateness in working days, open overdue, escalations by rung (JSON or CSV)',
          querystring: AssessmentQuery,
          response: { 200: Assessment, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        if (user.department.kind !== 'authority') throw HttpProblem.forbidden(text('考核评估仅由政务数据主管部门查看', 'The assessment is the competent authority’s'));
        const from = new Date(`${request.query.from}T00:00:00+08:00`);
        const to = new Date(Date.parse(`${request.query.to}T00:00:00+08:00`) + 86_400_000);
        if (!isStorableInstant(from)) throw HttpProblem.badRequest('query.from', text('须为公元 1 年或之后的日期（北京时间）', 'must be a day whose start (Beijing time) is in year 0001 or later'));
        if (!isStorableInstant(to)) throw HttpProblem.badRequest('query.to', text('须早于 9999-12-31', 'must be a day before 9999-12-31'));
        if (!(from < to)) throw HttpProblem.badRequest('query.to', text('不能早于开始日期', 'must not be before query.from'));
        const atLevel = eq(requests.authorityDepartmentId, user.departmentId);
        const [taskRows, escalationRows] = await Promise.all([
          db
            .select({ t: tasks, jurisdiction: requests.jurisdiction })
            .from(tasks)
            .innerJoin(requests, eq(tasks.requestId, requests.id))
            .where(and(atLevel, gte(tasks.dueAt, from), lt(tasks.dueAt, to))),
          db
            .select({ e: escalations })
            .from(escalations)
            .innerJoin(requests, eq(escalations.requestId, requests.id))
            .where(and(atLevel, gte(escalations.firedAt, from), lt(escalations.firedAt, to))),
        ]);
        const calendar = await deps.calendar.current();
        const rows = assess(
          calendar,
          taskRows.map(({ t, jurisdiction }) => ({
            assigneeDepartmentId: t.assigneeDepartmentId,
            status: t.status,
            dueAt: t.dueAt,
            completedAt: t.completedAt,
            jurisdiction,
            staysOpen: staysOpen(t),
          })),
          escalationRows.map(({ e }) => ({ departmentId: e.responsibleDepartmentId, rung: e.rung, firedAt: e.firedAt })),
          new Date(),
        );
        if (request.query.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="assessment-${request.query.from}-${request.query.to}.csv"`)
            .send(assessmentCsv(rows) as never);
        }
        const weeks = new Map<string, number>();
        for (const { e } of escalationRows) if (e.rung === 'overdue') weeks.set(isoWeek(e.firedAt), (weeks.get(isoWeek(e.firedAt)) ?? 0) + 1);
        return {
          authorityDepartmentId: user.departmentId,
          from: request.query.from,
          to: request.query.to,
          departments: rows.map((r) => ({ ...r })),
          overdueByWeek: [...weeks.entries()].sort().map(([week, overdue]) => ({ week, overdue })),
        };
      },
    );
  };
}
