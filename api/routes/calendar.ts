import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CalendarError, UnknownJurisdictionError } from '../../calendar';
import type { AppDeps } from '../app';
import { HttpProblem } from '../problem';
import { CalendarYearSchema, DeadlineQueryString, DeadlineSchema, JurisdictionQuery, YearParams } from '../schemas/calendar';
import { problemResponses } from '../schemas/common';

/** A calendar error as a 400 naming the field it is about. */
function calendarProblem(error: unknown, context: string): never {
  if (error instanceof CalendarError) {
    // An unknown jurisdiction is the query's `jurisdiction`; the other errors carry the field they are about.
    const field = error instanceof UnknownJurisdictionError ? 'jurisdiction' : (error as CalendarError & { field?: string }).field;
    throw HttpProblem.badRequest(field ? `${context}.${field}` : context, error.message);
  }
  throw error;
}

export function calendarRoutes(deps: AppDeps) {
  const { calendar } = deps;
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
  };
}
