import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { appendAudit } from '../../db/audit';
import { calendarFeeds, departments } from '../../db/schema';
import type { AppDeps } from '../app';
import { caseWords, caseWordsEn, deadlineEvent, departmentDeadlines, lastDayOf } from '../deadline-events';
import { icalendar } from '../ical';
import { caller, hashToken, loadUser, peopleOnly } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { problemResponses } from '../schemas/common';
import { text, things } from '../problem-text';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

/** Feed tokens look like `gdsf_<43 base64url characters>` (256 random bits). */
const feedTokenPrefix = 'gdsf_';
const feedTokenPattern = /^gdsf_[A-Za-z0-9_-]{43}$/;

const FeedParams = Type.Object({ file: Type.String({ maxLength: 200 }) }, { additionalProperties: false });

const FeedView = Type.Object({
  active: Type.Boolean({ description: 'Whether the person has a subscription URL in use' }),
  id: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  path: Type.Optional(Type.String({ description: 'The secret URL’s path: shown once, when created' })),
});

const MonthQuery = Type.Object(
  { month: Type.String({ pattern: '^(19|20|21)\\d{2}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, a month of 1900–2199 (a year 0000 is no month a deadline falls in)' }) },
  { additionalProperties: false },
);

const DeadlineDay = Type.Object({
  taskId: Type.String(),
  requestId: Type.String(),
  process: Type.String(),
  step: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  caseZh: Type.String({ description: 'The case in a few words, in Chinese' }),
  caseEn: Type.String({ description: 'The case in a few words, in English' }),
  catalogueEntryId: Type.Union([Type.String(), Type.Null()]),
  lastDay: Type.String({ description: 'The last day of the period (it ends at 24:00 of it, Asia/Shanghai)' }),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  provisional: Type.Boolean(),
  suggested: Type.Boolean({ description: 'A party’s option that stays open: the date is a reminder point, not a time limit' }),
});

/** A calendar client is told not to keep a stale copy anywhere on the way. */
const noStore = 'no-store, private';

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function feedView(row: typeof calendarFeeds.$inferSelect | undefined) {
  return {
    active: Boolean(row),
    id: row?.id ?? null,
    createdAt: row?.createdAt.toISOString() ?? null,
    lastUsedAt: row?.lastUsedAt?.toISOString() ?? null,
  };
}

export function icalRoutes({ db }: AppDeps) {
  async function calendarFor(departmentId: string, origin: string, name: string): Promise<string> {
    const [department] = await db.select().from(departments).where(eq(departments.id, departmentId));
    const rows = await departmentDeadlines(db, departmentId);
    return icalendar(
      { name: `${department?.nameZh ?? departmentId} 办理期限${name}`, description: '本部门待办事项的办结期限：每项期限在其最后一日（当日 24:00 届满，北京时间）。' },
      rows.map((r) => deadlineEvent(r, origin)),
    );
  }

  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/departments/:id/deadlines.ics',
      {
        schema: {
          tags: ['calendar'],
          summary: '下载期限日历 iCalendar file of the department’s open deadlines (with a bearer credential)',
          params: Params,
          produces: ['text/calendar'],
          response: { 200: Type.String(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        if (user.departmentId !== request.params.id) throw HttpProblem.notFound(things.departmentFeed);
        return reply.type('text/calendar; charset=utf-8').send(await calendarFor(user.departmentId, originOf(request), ''));
      },
    );

    api.get(
      '/api/calendar/deadlines',
      {
        schema: {
          tags: ['calendar'],
          summary: '本月期限 The caller’s department’s open deadlines whose last day is in a month',
          querystring: MonthQuery,
          response: { 200: Type.Array(DeadlineDay), ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const month = request.query.month;
        const [y, m] = month.split('-').map(Number) as [number, number];
        const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        const rows = await departmentDeadlines(db, user.departmentId, { from: `${month}-01`, to });
        return rows.map((r) => {
          const d = r.task.deadline as { provisional?: boolean };
          return {
            taskId: r.task.id,
            requestId: r.task.requestId,
            process: r.process,
            step: r.task.step,
            titleZh: r.task.titleZh,
            titleEn: r.task.titleEn,
            caseZh: caseWords(r),
            caseEn: caseWordsEn(r),
            catalogueEntryId: r.catalogueEntryId,
            lastDay: lastDayOf(r.task.dueAt),
            dueAt: r.task.dueAt.toISOString(),
            overdue: r.task.overdue,
            provisional: Boolean(d.provisional),
            suggested: Boolean(r.task.option && !r.task.option.lapses),
          };
        });
      },
    );

    api.get(
      '/api/calendar/feed',
      { preHandler: peopleOnly, schema: { tags: ['calendar'], summary: '日历订阅 Whether the caller has a subscription URL in use', response: { 200: FeedView, ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const [row] = await db.select().from(calendarFeeds).where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)));
        return feedView(row);
      },
    );

    api.post(
      '/api/calendar/feed',
      {
        preHandler: peopleOnly,
        schema: {
          tags: ['calendar'],
          summary: '创建订阅地址 A new secret subscription URL (shown once); the one in use, if any, stops working',
          response: { 201: FeedView, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        const token = `${feedTokenPrefix}${randomBytes(32).toString('base64url')}`;
        const at = new Date();
        // The old URL's revocation, the new one and both audit rows commit together.
        const row = await db.transaction(async (tx) => {
          const revoked = await tx
            .update(calendarFeeds)
            .set({ revokedAt: at })
            .where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)))
            .returning({ id: calendarFeeds.id });
          for (const old of revoked) {
            await appendAudit(tx, {
              eventKey: `calendar-feed.revoked:${old.id}`,
              at,
              action: 'calendar-feed.revoked',
              actorUserId: user.id,
              actorDepartmentId: user.departmentId,
              details: { id: old.id, replaced: true },
            });
          }
          const [inserted] = await tx.insert(calendarFeeds).values({ userId: user.id, tokenHash: hashToken(token), createdAt: at }).returning();
          await appendAudit(tx, {
            eventKey: `calendar-feed.created:${inserted!.id}`,
            at,
            action: 'calendar-feed.created',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { id: inserted!.id },
          });
          return inserted!;
        });
        return reply.status(201).send({ ...feedView(row), path: `/api/calendar/feeds/${token}.ics` });
      },
    );

    api.delete(
      '/api/calendar/feed',
      { preHandler: peopleOnly, schema: { tags: ['calendar'], summary: '停用订阅地址 Revoke the caller’s subscription URL', response: { 200: FeedView, ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const at = new Date();
        const row = await db.transaction(async (tx) => {
          const [revoked] = await tx
            .update(calendarFeeds)
            .set({ revokedAt: at })
            .where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt)))
            .returning();
          if (!revoked) return undefined;
          await appendAudit(tx, {
            eventKey: `calendar-feed.revoked:${revoked.id}`,
            at,
            action: 'calendar-feed.revoked',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { id: revoked.id },
          });
          return revoked;
        });
        if (!row) throw HttpProblem.notFound(things.calendarSubscription);
        return feedView(undefined);
      },
    );

    // The subscription itself: public (a calendar client sends no bearer header); the secret in the path is the
    // credential. An unknown or malformed token is 404, a revoked one 410 — neither says whose it was.
    api.get(
      '/api/calendar/feeds/:file',
      {
        config: { public: true },
        schema: {
          tags: ['calendar'],
          summary: '订阅期限日历 iCalendar subscription of a person’s deadlines, by its secret URL',
          params: FeedParams,
          produces: ['text/calendar'],
          security: [],
          response: { 200: Type.String(), 404: problemResponses[404], 410: problemResponses[404] },
        },
      },
      async (request, reply) => {
        const file = request.params.file;
        const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
        if (!feedTokenPattern.test(token)) throw HttpProblem.notFound(things.calendarSubscription);
        const [feed] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token)));
        if (!feed) throw HttpProblem.notFound(things.calendarSubscription);
        if (feed.revokedAt) throw new HttpProblem(
            410,
            text('该日历订阅已停用；请在系统中重新创建（工作日历 → 订阅期限日历）', 'This calendar subscription was revoked; create a new one in the web app (工作日历 → 订阅期限日历)'),
            undefined,
            text('订阅已停用', 'Gone'),
          );
        // The person as they are now: a move to another department moves the feed with them.
        const user = await loadUser(db, feed.userId);
        if (!user) throw HttpProblem.notFound(things.calendarSubscription);
        const now = new Date();
        if (!feed.lastUsedAt || now.getTime() - feed.lastUsedAt.getTime() >= 60_000) {
          await db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.id, feed.id));
        }
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', noStore)
          .header('referrer-policy', 'no-referrer')
          .send(await calendarFor(user.departmentId, originOf(request), '（订阅）'));
      },
    );
  };
}
