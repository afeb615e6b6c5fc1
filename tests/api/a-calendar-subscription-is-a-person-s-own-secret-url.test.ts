import ICAL from 'ical.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, calendarFeeds, tasks } from '../../db/schema';
import { lastDayOf, taskUid } from '../../api/deadline-events';
import { buildApp } from '../../api/app';
import { apiLoggerOptions } from '../../api/server';
import { CalendarStore } from '../../db/calendar-store';
import { diagnoseCase } from '../support/diagnose-case';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;
let owner: Record<string, string>; // mzt.li, hb-mzt: files the case
let reviewer: Record<string, string>; // data.chen, hb-data: the authority's reviewer, whose department gets the first task
let supervisor: Record<string, string>; // data.zhao, hb-data
let outsider: Record<string, string>; // scjgj.wang, hb-scjgj
let task: typeof tasks.$inferSelect;

/** The events of a feed, parsed by ical.js (a parser calendar clients' libraries build on). */
function parse(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

async function createFeed(headers: Record<string, string>): Promise<string> {
  const response = await stack.app.inject({ method: 'POST', url: '/api/calendar/feed', headers });
  expect(response.statusCode).toBe(201);
  return response.json().path as string;
}

beforeAll(async () => {
  stack = await startStack();
  owner = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
  supervisor = await loginAs(stack.app, 'data.zhao');
  outsider = await loginAs(stack.app, 'scjgj.wang');
  const created = (
    await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: owner, payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '订阅地址测试, 含逗号; 分号' } })
  ).json();
  let found: typeof tasks.$inferSelect | undefined;
  for (const until = Date.now() + 90_000; !found && Date.now() < until; ) {
    [found] = await stack.db.select().from(tasks).where(and(eq(tasks.requestId, created.id), eq(tasks.status, 'open')));
    if (!found) await new Promise((r) => setTimeout(r, 100));
  }
  if (!found) throw new Error(`the task did not open:\n${await diagnoseCase(stack, created.id)}`);
  task = found;
  expect(task.assigneeDepartmentId).toBe('hb-data');
}, 120_000);
afterAll(() => stack?.stop());

describe('a calendar subscription is a secret URL of the person’s own deadlines', () => {
  it('serves the department’s deadline without a bearer header, as an all-day event on its last day that a parser reads', async () => {
    const path = await createFeed(reviewer);
    expect(path).toMatch(/^\/api\/calendar\/feeds\/gdsf_[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await stack.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.headers['cache-control']).toContain('no-store');
    expect(feed.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { calendar, events } = parse(feed.body);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Shanghai');
    const event = events.find((e) => e.uid === taskUid(task.id));
    expect(event, 'the task’s event').toBeDefined();
    // The last day: the day in Shanghai before 24:00 (the stored instant is 00:00 of the next day, 16:00 UTC).
    const lastDay = lastDayOf(task.dueAt);
    expect(new Date(task.dueAt.getTime() - 1 + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(lastDay);
    expect(event!.startDate.isDate).toBe(true);
    expect(event!.startDate.toString()).toBe(lastDay);
    expect(event!.endDate.isDate).toBe(true);
    const next = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(event!.endDate.toString()).toBe(next);
    expect(event!.duration.toSeconds()).toBe(86_400);
    // The case by its 受理编号 first, then in words.
    expect(event!.summary).toMatch(/^【办结期限】冀数共申〔\d{4}〕\d{4,}号 共享申请（/);
    expect(event!.summary).toContain('HB-SCJGJ-0001');
    expect(event!.summary).toContain(task.titleZh);
    expect(event!.description).toContain(`办结期限：${lastDay} 24:00`);
    // The scenario's comma and semicolon survive the TEXT escaping.
    expect(event!.description).toContain('订阅地址测试, 含逗号; 分号');
    // The same UID on every fetch: a client updates the event in place.
    const again = parse((await stack.app.inject({ method: 'GET', url: path })).body);
    expect(again.events.filter((e) => e.uid === taskUid(task.id))).toHaveLength(1);
  });

  it('never shows another department’s tasks, whoever’s URL it is; a colleague of the same department sees the same deadlines', async () => {
    for (const headers of [owner, outsider]) {
      const feed = await stack.app.inject({ method: 'GET', url: await createFeed(headers) });
      expect(feed.statusCode).toBe(200);
      const { events } = parse(feed.body);
      expect(events.map((e) => e.uid)).not.toContain(taskUid(task.id));
      // Every event is a task of the feed owner's department.
      const ids = new Set((await stack.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.assigneeDepartmentId, headers === owner ? 'hb-mzt' : 'hb-scjgj'))).map((t) => taskUid(t.id)));
      expect(events.filter((e) => !ids.has(e.uid))).toEqual([]);
    }
    const colleague = parse((await stack.app.inject({ method: 'GET', url: await createFeed(supervisor) })).body);
    expect(colleague.events.map((e) => e.uid)).toContain(taskUid(task.id));
  });

  it('stops a URL at once when it is re-created or revoked (410), records each change, and shows the secret only once', async () => {
    const first = await createFeed(reviewer);
    const second = await createFeed(reviewer);
    expect(second).not.toBe(first);
    expect((await stack.app.inject({ method: 'GET', url: first })).statusCode).toBe(410);
    expect((await stack.app.inject({ method: 'GET', url: second })).statusCode).toBe(200);
    const status = await stack.app.inject({ method: 'GET', url: '/api/calendar/feed', headers: reviewer });
    expect(status.json()).toMatchObject({ active: true });
    expect(status.body).not.toContain(second.slice(20, 60));
    expect(status.json().path).toBeUndefined();

    const revoked = await stack.app.inject({ method: 'DELETE', url: '/api/calendar/feed', headers: reviewer });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false });
    const gone = await stack.app.inject({ method: 'GET', url: second });
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect((await stack.app.inject({ method: 'DELETE', url: '/api/calendar/feed', headers: reviewer })).statusCode).toBe(404);

    // Only hashes are stored; one audit row per creation and per revocation of this person's URLs.
    const rows = await stack.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, 'u-data-chen'));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    expect(rows.some((r) => second.includes(r.tokenHash))).toBe(false);
    const audit = await stack.db.select().from(auditLog).where(eq(auditLog.actorUserId, 'u-data-chen'));
    const created = audit.filter((a) => a.action === 'calendar-feed.created').map((a) => (a.details as { id: string }).id);
    const revokedIds = audit.filter((a) => a.action === 'calendar-feed.revoked').map((a) => (a.details as { id: string }).id);
    expect(new Set(created)).toEqual(new Set(rows.map((r) => r.id)));
    expect(new Set(revokedIds)).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('refuses an API key: only a person signed in manages a subscription', async () => {
    const key = (await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: owner, payload: { name: '订阅测试系统', roles: ['requester'] } })).json().key;
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await stack.app.inject({ method, url: '/api/calendar/feed', headers: { 'x-api-key': key } });
      expect(response.statusCode, method).toBe(403);
    }
  });

  it('answers hostile and guessed URLs with a 4xx problem, never a feed or a 500', async () => {
    const valid = await createFeed(outsider);
    const token = valid.slice('/api/calendar/feeds/'.length, -'.ics'.length);
    const hostile = [
      `/api/calendar/feeds/gdsf_${'A'.repeat(43)}.ics`, // well formed, nobody's
      `/api/calendar/feeds/${token}`, // without .ics
      `/api/calendar/feeds/${token}.ICS`,
      `/api/calendar/feeds/${token.toUpperCase()}.ics`,
      `/api/calendar/feeds/${token}%00.ics`,
      `/api/calendar/feeds/${token}%2F.ics`,
      `/api/calendar/feeds/${token.slice(0, -1)}%ED%A0%80.ics`, // a lone surrogate, percent-encoded
      `/api/calendar/feeds/${token.slice(0, -1)}%F0%9F%98%80.ics`,
      `/api/calendar/feeds/%2e%2e%2f${token}.ics`,
      `/api/calendar/feeds/..%2F..%2Fdepartments%2Fhb-scjgj%2Fdeadlines.ics`,
      `/api/calendar/feeds/${token}.ics%3F`,
      `/api/calendar/feeds/${'x'.repeat(5000)}.ics`,
      `/api/calendar/feeds/'%20or%201=1--.ics`,
    ];
    for (const url of hostile) {
      const response = await stack.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
      expect(response.body, url).not.toContain('BEGIN:VCALENDAR');
    }
    // Percent-encoding plain characters spells the same URL: the router decodes it, and it is the person's feed.
    expect((await stack.app.inject({ method: 'GET', url: `/api/calendar/feeds/%67${token.slice(1)}%2Eics` })).statusCode).toBe(200);
    // A bearer header changes nothing: the path alone is the credential.
    const withOtherBearer = await stack.app.inject({ method: 'GET', url: `/api/calendar/feeds/gdsf_${'B'.repeat(43)}.ics`, headers: reviewer });
    expect(withOtherBearer.statusCode).toBe(404);
  });
});

describe('the secret stays out of the log', () => {
  it('logs a subscription’s request with its secret replaced', async () => {
    const lines: string[] = [];
    const app = await buildApp(
      { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, calendar: new CalendarStore(stack.db), security: testSecurity },
      { logger: { ...apiLoggerOptions(), level: 'info', stream: { write: (line: string) => void lines.push(line) } } },
    );
    try {
      const path = await createFeed(outsider);
      const token = path.slice('/api/calendar/feeds/'.length, -'.ics'.length);
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: `${path}?x=1` })).statusCode).toBe(200);
      const logged = lines.join('\n');
      expect(logged).toContain('/api/calendar/feeds/[secret].ics');
      expect(logged).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});

describe('the calendar page’s own reads', () => {
  it('lists the department’s deadlines of a month on their last days, and names a bad month', async () => {
    const lastDay = lastDayOf(task.dueAt);
    const month = await stack.app.inject({ method: 'GET', url: `/api/calendar/deadlines?month=${lastDay.slice(0, 7)}`, headers: reviewer });
    expect(month.statusCode).toBe(200);
    const mine = month.json().find((d: { taskId: string }) => d.taskId === task.id);
    expect(mine).toMatchObject({ lastDay, caseZh: expect.stringContaining('HB-SCJGJ-0001'), titleZh: task.titleZh });
    const theirs = await stack.app.inject({ method: 'GET', url: `/api/calendar/deadlines?month=${lastDay.slice(0, 7)}`, headers: owner });
    expect(theirs.json().map((d: { taskId: string }) => d.taskId)).not.toContain(task.id);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01', '%00', '２０２６-０１']) {
      const response = await stack.app.inject({ method: 'GET', url: `/api/calendar/deadlines?month=${bad}`, headers: reviewer });
      expect(response.statusCode, bad).toBe(400);
      expect(response.body, bad).toContain('month');
    }
  });

  it('names the field of an impossible calculator input', async () => {
    const cases: [string, string][] = [
      ['start=2025-02-30&n=3', 'start'],
      ['start=2025-02-29&n=3', 'start'],
      ['start=2025-09-28&n=401', 'n'],
      ['start=2025-09-28&n=1.5', 'n'],
      ['start=2025-09-28&n=3&jurisdiction=mars', 'jurisdiction'],
    ];
    for (const [query, field] of cases) {
      const response = await stack.app.inject({ method: 'GET', url: `/api/calendar/deadline?${query}`, headers: reviewer });
      expect(response.statusCode, query).toBe(400);
      expect(JSON.stringify(response.json().errors ?? response.json().detail), query).toContain(field);
    }
  });
});
