/**
 * The assessment (考核评估, Hebei draft art. 38) counts what happened in the period: tasks due in it, and tasks
 * completed in it whenever they were due; a department's overdue items are listed behind its numbers; weeks are date
 * ranges; the CSV opens in Excel (UTF-8 with BOM, CRLF, headings and department names in the language asked for, the
 * rate as a percentage). The period is fixed in March 2024, so nothing here depends on today's date.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { assess, assessmentCsv, overdueItems } from '../../api/assessment';
import { requests, tasks } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';
import { ownDatabase } from '../support/own-database';

let stack: TestStack;
let supervisor: Record<string, string>;
let reviewer: Record<string, string>;
let department: Record<string, string>;
let otherAuthority: Record<string, string>;
const caseId = randomUUID();

const at = (s: string) => new Date(`${s}+08:00`);
const period = { from: at('2024-03-01T00:00:00'), to: at('2024-04-01T00:00:00') };
/** Later than every date of the period: tasks still open then are overdue. */
const now = at('2024-05-01T00:00:00');

/** Four tasks of 河北省公安厅 around March 2024. */
const facts = [
  // Due and completed in March, on time.
  { id: `${caseId}/a/1`, dueAt: at('2024-03-05T17:00:00'), completedAt: at('2024-03-04T10:00:00'), status: 'completed' },
  // Due in February, completed late in March: a completion of the period, not a task due in it.
  { id: `${caseId}/b/1`, dueAt: at('2024-02-20T17:00:00'), completedAt: at('2024-03-06T10:00:00'), status: 'completed' },
  // Due in March, still open: overdue.
  { id: `${caseId}/c/1`, dueAt: at('2024-03-11T17:00:00'), completedAt: null, status: 'open' },
  // Due in March, completed in April: due in the period, its completion in the next.
  { id: `${caseId}/d/1`, dueAt: at('2024-03-28T17:00:00'), completedAt: at('2024-04-10T10:00:00'), status: 'completed' },
].map((t) => ({ ...t, requestId: caseId, assigneeDepartmentId: 'hb-gat', jurisdiction: 'hebei' }));

let database: Awaited<ReturnType<typeof ownDatabase>>;

beforeAll(async () => {
  // A database of its own: its 2024 rows are written as a workflow would have left them, not as one writes them (an
  // open task with no deadline explained), and must not reach the shared queues other test files read.
  database = await ownDatabase();
  stack = await startStack(undefined, { databaseUrl: database.url });
  supervisor = await loginAs(stack.app, 'data.zhao');
  reviewer = await loginAs(stack.app, 'data.chen');
  department = await loginAs(stack.app, 'gat.zhang');
  otherAuthority = await loginAs(stack.app, 'sjz-data.zhou');
  // A case of 2024 as the workflow would have left it (no workflow runs for it: only its rows are read).
  await stack.db.insert(requests).values({
    id: caseId,
    process: 'share-request',
    status: 'received',
    jurisdiction: 'hebei',
    pack: 'hebei-2016',
    requesterDepartmentId: 'hb-mzt',
    providerDepartmentId: 'hb-gat',
    authorityDepartmentId: 'hb-data',
    catalogueEntryId: 'HB-GAT-0001',
    scenario: '考核测试：2024 年 3 月',
    receivedAt: at('2024-02-01T09:00:00'),
    workflowId: `assessment-test-${caseId}`,
    createdBy: 'u-data-chen',
  });
  await stack.db.insert(tasks).values(
    facts.map((f, i) => ({
      id: f.id,
      requestId: caseId,
      step: 'provide',
      titleZh: `提供共享数据 ${i + 1}`,
      titleEn: `Provide the data ${i + 1}`,
      assigneeDepartmentId: 'hb-gat',
      assigneeRole: 'provider',
      status: f.status as 'open' | 'completed',
      dueAt: f.dueAt,
      deadline: { jurisdiction: 'hebei' },
      completedAt: f.completedAt,
      completedBy: f.completedAt ? 'u-gat-zhang' : null,
      decision: f.completedAt ? 'fulfilled' : null,
      createdAt: at('2024-02-01T09:00:00'),
    })),
  );
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

describe('what the assessment counts', () => {
  it('counts tasks due in the period and, apart, tasks completed in it whenever they were due', () => {
    const [gat] = assess(nationalCalendar, facts, [], now, period);
    expect(gat).toMatchObject({ departmentId: 'hb-gat', tasksDue: 3, completed: 2, completedOnTime: 1, completedLate: 1, openOverdue: 1 });
    // On time ÷ (completed in the period + open overdue).
    expect(gat!.onTimeRate).toBeCloseTo(1 / 3);
  });

  it('lists a department’s overdue items, latest first: the late completion and the open task', () => {
    const items = overdueItems(nationalCalendar, facts, 'hb-gat', now, period);
    expect(items.map((i) => [i.task.id, i.state])).toEqual([
      [`${caseId}/c/1`, 'open-overdue'],
      [`${caseId}/b/1`, 'completed-late'],
    ]);
    expect(items[0]!.latenessWorkingDays).toBeGreaterThan(items[1]!.latenessWorkingDays);
    expect(overdueItems(nationalCalendar, facts, 'hb-mzt', now, period)).toEqual([]);
  });

  it('writes a CSV Excel reads: BOM, CRLF, quoted names, formulas neutralised, the rate as a percentage', () => {
    const [row] = assess(nationalCalendar, facts, [], now, period);
    const csv = assessmentCsv([row!], 'zh', () => '=HYPERLINK("x"),公安');
    expect(csv.startsWith('\uFEFF部门,部门代码,期内到期,期内办结,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x""),公安",hb-gat,3,2,1,1,1,33.3%,${row!.medianLatenessWorkingDays},${row!.worstLatenessWorkingDays},0,0,0,0`);
  });
});

describe('GET /api/assessment', () => {
  const url = (query: string) => `/api/assessment?from=2024-03-01&to=2024-03-31${query}`;

  it('gives the supervisor the period’s counts and every week as its days in the period', async () => {
    const response = await stack.app.inject({ method: 'GET', url: url(''), headers: supervisor });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const gat = body.departments.find((d: { departmentId: string }) => d.departmentId === 'hb-gat');
    expect(gat).toMatchObject({ tasksDue: 3, completed: 2, completedOnTime: 1, completedLate: 1, openOverdue: 1 });
    expect(body.overdueByWeek[0]).toEqual({ week: '2024-W09', start: '2024-03-01', end: '2024-03-03', overdue: 0 });
    expect(body.overdueByWeek[1]).toMatchObject({ week: '2024-W10', start: '2024-03-04', end: '2024-03-10' });
    expect(body.overdueByWeek.at(-1)).toMatchObject({ start: '2024-03-25', end: '2024-03-31' });
    expect(body.overdueByWeek).toHaveLength(5);
  });

  it('exports CSV with Chinese headings and names by default, English with lang=en', async () => {
    const zh = await stack.app.inject({ method: 'GET', url: url('&format=csv'), headers: supervisor });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(zh.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('考核评估-2024-03-01-2024-03-31.csv')}`);
    // The raw bytes: the UTF-8 byte-order mark first, then the headings.
    const bytes = zh.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = zh.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('部门,部门代码,期内到期,期内办结,按时办结,逾期办结,逾期未办,按时率,逾期中位数（工作日）,最长逾期（工作日）,到期提醒,逾期通知,限期整改,报告本级人民政府');
    expect(lines.find((l) => l.startsWith('河北省公安厅,hb-gat,3,2,1,1,1,33.3%,'))).toBeDefined();
    expect(zh.body).not.toMatch(/[^\r]\n/);

    const en = await stack.app.inject({ method: 'GET', url: url('&format=csv&lang=en'), headers: supervisor });
    const enLines = en.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(enLines[0]!.startsWith('Department,Department ID,Due in period,Completed in period,Completed on time,Completed late,Open and overdue,On-time rate,')).toBe(true);
    expect(enLines.find((l) => l.startsWith('Hebei Provincial Department of Public Security,hb-gat,3,2,1,1,1,33.3%,'))).toBeDefined();
  });

  it('refuses a bad period naming the field: reversed, longer than three years, an impossible day, a year 0', async () => {
    const refused = async (query: string, field: string) => {
      const response = await stack.app.inject({ method: 'GET', url: `/api/assessment?${query}`, headers: supervisor });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json().errors ?? response.json()), query).toContain(field);
    };
    await refused('from=2024-03-31&to=2024-03-01', 'query.to');
    await refused('from=2020-01-01&to=2024-03-01', 'query.to');
    await refused('from=2024-02-30&to=2024-03-01', 'from');
    await refused('from=0000-01-01&to=2024-03-01', 'from');
    await refused('from=2024-03-01&to=2024-03-31&lang=fr', 'lang');
    expect((await stack.app.inject({ method: 'GET', url: '/api/assessment?from=2021-03-02&to=2024-03-01', headers: supervisor })).statusCode).toBe(200);
  });
});

describe('GET /api/assessment/overdue (the drill-down)', () => {
  const url = (departmentId: string) => `/api/assessment/overdue?from=2024-03-01&to=2024-03-31&departmentId=${encodeURIComponent(departmentId)}`;

  it('lists the department’s late completion and open overdue task, with what a link to them needs', async () => {
    for (const headers of [supervisor, reviewer]) {
      const response = await stack.app.inject({ method: 'GET', url: url('hb-gat'), headers });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.total).toBe(2);
      expect(body.items.map((i: { taskId: string; state: string }) => [i.taskId, i.state])).toEqual([
        [`${caseId}/c/1`, 'open-overdue'],
        [`${caseId}/b/1`, 'completed-late'],
      ]);
      expect(body.items[0]).toMatchObject({ requestId: caseId, process: 'share-request', titleZh: '提供共享数据 3', catalogueEntryId: 'HB-GAT-0001', completedAt: null });
    }
  });

  it('is the authority’s: a department gets 403, another level’s authority sees none of it', async () => {
    expect((await stack.app.inject({ method: 'GET', url: url('hb-gat'), headers: department })).statusCode).toBe(403);
    const other = await stack.app.inject({ method: 'GET', url: url('hb-gat'), headers: otherAuthority });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ total: 0, items: [] });
    expect((await stack.app.inject({ method: 'GET', url: url('hb-gat') })).statusCode).toBe(401);
  });

  it('refuses hostile input with a 4xx: no department, NUL, a lone surrogate, unknown parameters', async () => {
    for (const query of [
      'from=2024-03-01&to=2024-03-31',
      'from=2024-03-01&to=2024-03-31&departmentId=',
      'from=2024-03-01&to=2024-03-31&departmentId=hb%00gat',
      'from=2024-03-01&to=2024-03-31&departmentId=hb-gat&limit=5',
      'from=2024-03-31&to=2024-03-01&departmentId=hb-gat',
    ]) {
      const response = await stack.app.inject({ method: 'GET', url: `/api/assessment/overdue?${query}`, headers: supervisor });
      expect(response.statusCode, query).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, query).toBeLessThan(500);
    }
    // An unknown department (or bytes that are no UTF-8, read as U+FFFD) is simply one with nothing overdue.
    expect((await stack.app.inject({ method: 'GET', url: url('nobody'), headers: supervisor })).json()).toMatchObject({ total: 0 });
    const notUtf8 = await stack.app.inject({ method: 'GET', url: '/api/assessment/overdue?from=2024-03-01&to=2024-03-31&departmentId=%ED%A0%80', headers: supervisor });
    expect(notUtf8.statusCode).toBeLessThan(500);
  });
});
