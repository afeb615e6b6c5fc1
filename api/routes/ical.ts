import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { departments, requests, tasks } from '../../db/schema';
import { staysOpen } from '../views';
import type { AppDeps } from '../app';
import { icalendar } from '../ical';
import { caller } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { problemResponses } from '../schemas/common';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

export function icalRoutes({ db }: AppDeps) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/api/departments/:id/deadlines.ics',
      {
        schema: {
          tags: ['tasks'],
          summary: '期限日历订阅 iCalendar feed of the department’s open due instants',
          params: Params,
          produces: ['text/calendar'],
          response: { 200: Type.String(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        if (user.departmentId !== request.params.id) throw HttpProblem.notFound('Department feed');
        const [department] = await db.select().from(departments).where(eq(departments.id, request.params.id));
        const open = await db
          .select({ task: tasks, caseNumber: requests.caseNumber })
          .from(tasks)
          .innerJoin(requests, eq(requests.id, tasks.requestId))
          .where(and(eq(tasks.assigneeDepartmentId, request.params.id), eq(tasks.status, 'open')))
          .orderBy(asc(tasks.dueAt));
        const body = icalendar(
          `${department?.nameZh ?? request.params.id} 办理期限`,
          open.map(({ task: t, caseNumber }) => {
            const d = t.deadline as { due?: string; n?: number; unit?: string; rule?: string };
            const citation = t.citation as { article?: string } | null;
            const trigger = t.trigger ? `起算 Counted: ${t.trigger.zh} / ${t.trigger.en}\n` : '';
            if (staysOpen(t)) {
              // A party's option: the date is when it is reminded, not a time limit; the option stays open after it.
              return {
                uid: `${t.id.replace(/\//g, '-')}@gds`,
                dueAt: t.dueAt,
                summary: `【建议期限 Suggested】${caseNumber} ${t.titleZh} ${t.titleEn}`,
                description: `受理编号 ${caseNumber}\n建议期限 ${d.due ?? ''} 24:00（本地政策，提醒时点 local policy: a reminder point）\n${trigger}${t.option!.zh}\n${t.option!.en}\n${citation?.article ?? ''}`,
              };
            }
            return {
              uid: `${t.id.replace(/\//g, '-')}@gds`,
              dueAt: t.dueAt,
              summary: `【期限】${caseNumber} ${t.titleZh} ${t.titleEn}`,
              description: `受理编号 ${caseNumber}\n办结期限 ${d.due ?? ''} 24:00（${d.n ?? ''} ${d.unit === 'days' ? '日' : '个工作日'}）\n${trigger}${citation?.article ?? ''}\n${d.rule ?? ''}`,
            };
          }),
        );
        return reply.type('text/calendar; charset=utf-8').send(body);
      },
    );
  };
}
