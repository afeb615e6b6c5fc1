import { and, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { departments, escalationRungs, escalations, requests, tasks } from '../../db/schema';
import type { AppDeps } from '../app';
import { assess, assessmentCsv, isoWeek, isoWeekDays, overdueItems, type Period, type TaskFact } from '../assessment';
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
    from: Type.String({ format: 'date', description: 'First day (Asia/Shanghai) of the period' }),
    to: Type.String({ format: 'date', description: 'Last day of the period (at most 3 years after from)' }),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh', description: 'Language of the CSV headings and department names' })),
  },
  { additionalProperties: false },
);

const OverdueQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First day (Asia/Shanghai) of the period' }),
    to: Type.String({ format: 'date', description: 'Last day of the period (at most 3 years after from)' }),
    departmentId: Type.String({ minLength: 1, maxLength: 100, description: 'The department whose overdue items are listed' }),
  },
  { additionalProperties: false },
);

const Assessment = Type.Object({
  authorityDepartmentId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  departments: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
    description:
      'Per department: tasksDue (time limit ends in the period), completed / completedOnTime / completedLate (completed in the period, whenever due), openOverdue (due in the period, still open past it), onTimeRate = completedOnTime / (completed + openOverdue), lateness in working days, escalations fired in the period by rung',
  }),
  overdueByWeek: Type.Array(
    Type.Object({
      week: Type.String({ description: 'ISO week, e.g. 2026-W49' }),
      start: Type.String({ format: 'date', description: 'First day of the week inside the period' }),
      end: Type.String({ format: 'date', description: 'Last day of the week inside the period' }),
      overdue: Type.Integer({ description: 'Overdue notices (逾期通知) fired that week' }),
    }),
  ),
});

const OverdueItemView = Type.Object({
  taskId: Type.String(),
  requestId: Type.String(),
  process: Type.String(),
  step: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  catalogueEntryId: Type.Union([Type.String(), Type.Null()]),
  scenario: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.Literal('completed-late'), Type.Literal('open-overdue')]),
  latenessWorkingDays: Type.Integer(),
});

const OverdueList = Type.Object({
  departmentId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer(),
  items: Type.Array(OverdueItemView, { description: 'Latest first by lateness; at most 500' }),
});

/** The longest period one assessment covers: three years of days (a leap year among them). */
const MAX_PERIOD_DAYS = 3 * 365 + 1;

/** The period `[from 00:00, to + 1 day 00:00)` in Beijing time, or a 400 naming the field. */
function periodOf(query: { from: string; to: string }): Period {
  const from = new Date(`${query.from}T00:00:00+08:00`);
  const to = new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000);
  if (!isStorableInstant(from)) throw HttpProblem.badRequest('query.from', text('须为公元 1 年或之后的日期（北京时间）', 'must be a day whose start (Beijing time) is in year 0001 or later'));
  if (!isStorableInstant(to)) throw HttpProblem.badRequest('query.to', text('须早于 9999-12-31', 'must be a day before 9999-12-31'));
  if (!(from < to)) throw HttpProblem.badRequest('query.to', text('不能早于开始日期', 'must not be before query.from'));
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw HttpProblem.badRequest('query.to', text(`距开始日期不能超过 ${MAX_PERIOD_DAYS} 天`, `must be at most ${MAX_PERIOD_DAYS} days after query.from`));
  return { from, to };
}

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

    /** The level's tasks due or completed in the period, as facts of `assess`. */
    async function taskFacts(authorityDepartmentId: string, period: Period, departmentId?: string) {
      const inPeriod = or(and(gte(tasks.dueAt, period.from), lt(tasks.dueAt, period.to)), and(gte(tasks.completedAt, period.from), lt(tasks.completedAt, period.to)));
      const rows = await db
        .select({ t: tasks, jurisdiction: requests.jurisdiction, process: requests.process, catalogueEntryId: requests.catalogueEntryId, scenario: requests.scenario })
        .from(tasks)
        .innerJoin(requests, eq(tasks.requestId, requests.id))
        .where(and(eq(requests.authorityDepartmentId, authorityDepartmentId), inPeriod, departmentId ? eq(tasks.assigneeDepartmentId, departmentId) : undefined));
      return rows.map(({ t, jurisdiction, process, catalogueEntryId, scenario }) => ({
        id: t.id,
        requestId: t.requestId,
        assigneeDepartmentId: t.assigneeDepartmentId,
        status: t.status,
        dueAt: t.dueAt,
        completedAt: t.completedAt,
        jurisdiction,
        staysOpen: staysOpen(t),
        process,
        step: t.step,
        titleZh: t.titleZh,
        titleEn: t.titleEn,
        catalogueEntryId,
        scenario,
      })) satisfies TaskFact[];
    }

    api.get(
      '/api/assessment',
      {
        preHandler: allow('authority-reviewer', 'authority-supervisor', 'admin'),
        schema: {
          tags: ['oversight'],
          summary: '考核 Per-department tasks due and completed in a period, on-time rate, lateness in working days, open overdue, escalations by rung (JSON or CSV)',
          querystring: AssessmentQuery,
          response: { 200: Assessment, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        if (user.department.kind !== 'authority') throw HttpProblem.forbidden(text('考核评估仅由政务数据主管部门查看', 'The assessment is the competent authority’s'));
        const period = periodOf(request.query);
        const [facts, escalationRows] = await Promise.all([
          taskFacts(user.departmentId, period),
          db
            .select({ e: escalations })
            .from(escalations)
            .innerJoin(requests, eq(escalations.requestId, requests.id))
            .where(and(eq(requests.authorityDepartmentId, user.departmentId), gte(escalations.firedAt, period.from), lt(escalations.firedAt, period.to))),
        ]);
        const calendar = await deps.calendar.current();
        const rows = assess(
          calendar,
          facts,
          escalationRows.map(({ e }) => ({ departmentId: e.responsibleDepartmentId, rung: e.rung, firedAt: e.firedAt })),
          new Date(),
          period,
        );
        if (request.query.format === 'csv') {
          const lang = request.query.lang ?? 'zh';
          const ids = rows.map((r) => r.departmentId);
          const names = new Map(
            ids.length
              ? (await db.select({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments).where(inArray(departments.id, ids))).map(
                  (d) => [d.id, lang === 'zh' ? d.nameZh : d.nameEn],
                )
              : [],
          );
          const name = lang === 'zh' ? '考核评估' : 'assessment';
          return reply
            .type('text/csv; charset=utf-8')
            .header(
              'content-disposition',
              `attachment; filename="assessment-${request.query.from}-${request.query.to}.csv"; filename*=UTF-8''${encodeURIComponent(`${name}-${request.query.from}-${request.query.to}.csv`)}`,
            )
            .send(assessmentCsv(rows, lang, (id) => names.get(id) ?? id) as never);
        }
        const weeks = new Map<string, number>();
        for (const { e } of escalationRows) if (e.rung === 'overdue') weeks.set(isoWeek(e.firedAt), (weeks.get(isoWeek(e.firedAt)) ?? 0) + 1);
        // Every week of the period, with its days inside the period, so a week without an overdue notice shows as 0.
        const overdueByWeek: { week: string; start: string; end: string; overdue: number }[] = [];
        for (let at = period.from; at < period.to; ) {
          const days = isoWeekDays(at);
          const week = isoWeek(at);
          overdueByWeek.push({
            week,
            start: days.start < request.query.from ? request.query.from : days.start,
            end: days.end > request.query.to ? request.query.to : days.end,
            overdue: weeks.get(week) ?? 0,
          });
          at = new Date(Date.parse(`${days.end}T00:00:00+08:00`) + 86_400_000);
        }
        return {
          authorityDepartmentId: user.departmentId,
          from: request.query.from,
          to: request.query.to,
          departments: rows.map((r) => ({ ...r })),
          overdueByWeek,
        };
      },
    );

    api.get(
      '/api/assessment/overdue',
      {
        preHandler: allow('authority-reviewer', 'authority-supervisor', 'admin'),
        schema: {
          tags: ['oversight'],
          summary: '考核 A department’s overdue items of the period: completed late in it, or open past a time limit in it',
          querystring: OverdueQuery,
          response: { 200: OverdueList, ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        if (user.department.kind !== 'authority') throw HttpProblem.forbidden(text('考核评估仅由政务数据主管部门查看', 'The assessment is the competent authority’s'));
        const period = periodOf(request.query);
        const facts = await taskFacts(user.departmentId, period, request.query.departmentId);
        const items = overdueItems(await deps.calendar.current(), facts, request.query.departmentId, new Date(), period);
        return {
          departmentId: request.query.departmentId,
          from: request.query.from,
          to: request.query.to,
          total: items.length,
          items: items.slice(0, 500).map(({ task: t, state, latenessWorkingDays }) => ({
            taskId: t.id,
            requestId: t.requestId,
            process: t.process,
            step: t.step,
            titleZh: t.titleZh,
            titleEn: t.titleEn,
            catalogueEntryId: t.catalogueEntryId,
            scenario: t.scenario,
            dueAt: t.dueAt.toISOString(),
            completedAt: t.completedAt ? t.completedAt.toISOString() : null,
            state,
            latenessWorkingDays,
          })),
        };
      },
    );
  };
}
