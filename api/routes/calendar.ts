import { and, eq, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { WorkflowNotFoundError } from '@temporalio/client';
import { CalendarError, validateYearSchedule, type YearSchedule } from '../../calendar';
import { requests, tasks } from '../../db/schema';
import { calendarRepublishedSignal } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { allow, caller } from '../plugins/auth';
import { HttpProblem } from '../problem';
import {
  CalendarYearSchema,
  DeadlineQueryString,
  DeadlineSchema,
  JurisdictionQuery,
  PublishedYearSchema,
  YearParams,
  YearScheduleBody,
} from '../schemas/calendar';
import { problemResponses } from '../schemas/common';

/** A calendar error as a 400 naming the field it is about. */
function calendarProblem(error: unknown, context: string): never {
  if (error instanceof CalendarError) {
    const field = (error as CalendarError & { field?: string }).field;
    throw HttpProblem.badRequest(field ? `${context}.${field}` : context, error.message);
  }
  throw error;
}

export function calendarRoutes(deps: AppDeps) {
  const { db, calendar } = deps;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/calendar/deadline',
      { schema: { tags: ['calendar'], summary: '计算期限 Compute a statutory deadline, explained', querystring: DeadlineQueryString, response: { 200: DeadlineSchema, ...problemResponses } } },
      async (request) => {
        const cal = await calendar.current();
        try {
          return cal.deadline(request.query);
        } catch (error) {
          return calendarProblem(error, 'query');
        }
      },
    );

    api.get(
      '/api/calendar/:year',
      { schema: { tags: ['calendar'], summary: '年度日历 A year, day by day', params: YearParams, querystring: JurisdictionQuery, response: { 200: CalendarYearSchema, ...problemResponses } } },
      async (request) => {
        const { year } = request.params;
        const jurisdiction = request.query.jurisdiction ?? 'national';
        const cal = await calendar.current();
        try {
          const schedule = cal.years().find((y) => y.year === year);
          const published = await calendar.published(year);
          const days = Array.from({ length: 12 }, (_, m) => cal.month(`${year}-${String(m + 1).padStart(2, '0')}`, jurisdiction)).flat();
          return {
            year,
            jurisdiction,
            status: published ? ('published' as const) : schedule ? ('built-in' as const) : ('unknown' as const),
            provisional: !schedule,
            notice: schedule ? { ...schedule.notice } : null,
            festivals: (schedule?.festivals ?? []).map((f) => ({ ...f })),
            publishedAt: published?.publishedAt.toISOString() ?? null,
            days,
          };
        } catch (error) {
          return calendarProblem(error, 'query');
        }
      },
    );

    api.put(
      '/api/calendar/:year',
      {
        preHandler: allow('authority-supervisor', 'admin'),
        schema: {
          tags: ['calendar'],
          summary: '发布新年度节假日安排 Publish a newly announced year',
          params: YearParams,
          body: YearScheduleBody,
          response: { 200: PublishedYearSchema, ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        if (user.department.kind !== 'authority') throw HttpProblem.forbidden('Only the competent data authority publishes the calendar');
        const { year } = request.params;
        const schedule = request.body as unknown as YearSchedule;
        if (schedule.year !== year) throw HttpProblem.badRequest('body.year', `must equal the year in the path (${year})`);
        const issues = validateYearSchedule(schedule);
        if (issues.length > 0) {
          throw new HttpProblem(
            400,
            'Invalid request',
            issues.map((i) => `body.${i.field}: ${i.message}`).join('; '),
            issues.map((i) => ({ path: `body.${i.field}`, message: i.message })),
          );
        }
        const at = new Date();
        await calendar.publish(schedule, user.id, at, {
          eventKey: `calendar.published:${year}:${at.toISOString()}`,
          at,
          action: 'calendar.published',
          actorUserId: user.id,
          actorDepartmentId: user.departmentId,
          details: { year, notice: { ...schedule.notice } },
        });
        const affected = await openWorkflowsTouching(year);
        let signalled = 0;
        for (const workflowId of affected) {
          try {
            await deps.temporal.workflow.getHandle(workflowId).signal(calendarRepublishedSignal, { year });
            signalled += 1;
          } catch (error) {
            if (!(error instanceof WorkflowNotFoundError)) throw error;
          }
        }
        return { year, status: 'published' as const, publishedAt: at.toISOString(), workflowsToRecompute: signalled };
      },
    );
  };

  /** Cases with an open task whose deadline was provisional or whose period reaches into `year`. */
  async function openWorkflowsTouching(year: number): Promise<string[]> {
    const rows = await db
      .selectDistinct({ workflowId: requests.workflowId })
      .from(tasks)
      .innerJoin(requests, eq(tasks.requestId, requests.id))
      .where(
        and(
          eq(tasks.status, 'open'),
          or(
            sql`(${tasks.deadline}->>'provisional')::boolean`,
            and(
              sql`substr(${tasks.deadline}->>'startDate', 1, 4)::int <= ${year}`,
              sql`substr(${tasks.deadline}->>'due', 1, 4)::int >= ${year}`,
            ),
          ),
        ),
      );
    return rows.map((r) => r.workflowId);
  }
}
