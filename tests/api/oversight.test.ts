import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let civil: Record<string, string>;
let reviewer: Record<string, string>;
let supervisor: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  civil = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
  supervisor = await loginAs(stack.app, 'data.zhao');
});
afterAll(() => stack?.stop());

async function waitForTask(headers: Record<string, string>, requestId: string) {
  for (let i = 0; i < 600; i++) {
    const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers })).json();
    const task = tasks.find((t: { requestId: string }) => t.requestId === requestId);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no task for ${requestId}`);
}

async function waitForRung(requestId: string, rung: string) {
  for (let i = 0; i < 600; i++) {
    const list = (await stack.app.inject({ method: 'GET', url: `/api/escalations?requestId=${requestId}`, headers: supervisor })).json();
    if (list.some((e: { requestId: string; rung: string }) => e.requestId === requestId && e.rung === rung)) return list;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${rung} escalation for ${requestId}`);
}

describe('oversight: claiming, the level view, escalations, assessment', () => {
  it('lets the reviewer claim and release a task, refuses it to other roles and other authorities, and records both in the audit trail', async () => {
    const created = (
      await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: civil, payload: { catalogueEntryId: 'HB-JYT-0001', scenario: '助学金资格审核核验学历' } })
    ).json();
    const task = await waitForTask(reviewer, created.id);
    expect(task.process).toBe('share-request');
    const claimed = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(task.id)}/claim`, headers: reviewer });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().claimedBy).toBe('u-data-chen');
    const wrongRole = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(task.id)}/claim`, headers: supervisor });
    expect(wrongRole.statusCode).toBe(403);
    const other = await loginAs(stack.app, 'sjz-data.zhou');
    const foreign = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(task.id)}/claim`, headers: other });
    expect(foreign.statusCode).toBe(404);
    const released = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(task.id)}/release`, headers: reviewer });
    expect(released.json().claimedBy).toBeNull();
    const detail = (await stack.app.inject({ method: 'GET', url: `/api/share-requests/${created.id}`, headers: civil })).json();
    expect(detail.timeline.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['task.claimed', 'task.released']));
  });

  it('shows a case registered weeks late as overdue and escalated, to the supervisor’s level view, the escalations list and the assessment', async () => {
    // The overdue step is the authority's own provision (draft art. 19, unconditional data): internal oversight, the overdue notice at once,
    // the report to the government only 5 WD after it (rules/ladder.ts), never 限期整改 of the authority itself.
    const receivedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const created = (
      await stack.app.inject({
        method: 'POST',
        url: '/api/share-requests',
        // A late receipt date is the authority reviewer's statement, registered for the department.
        headers: reviewer,
        payload: { catalogueEntryId: 'HB-STHJT-0001', scenario: '补录的纸质申请：核对排污许可', receivedAt, receivedAtReason: '纸质申请件补录', onBehalfOf: 'hb-mzt' },
      })
    ).json();
    await waitForRung(created.id, 'overdue');
    await new Promise((r) => setTimeout(r, 1500));
    const escalations = (await stack.app.inject({ method: 'GET', url: `/api/escalations?requestId=${created.id}`, headers: supervisor })).json();
    expect(escalations.map((e: { rung: string }) => e.rung)).toEqual(['overdue']);
    const [overdue] = escalations;
    expect(overdue).toMatchObject({ basis: 'policy', stepTitleZh: '直接提供共享数据', notified: ['hb-data:authority-reviewer', 'hb-data:authority-supervisor'] });
    expect(overdue.explanation.zh).toContain('内部督办');
    expect(Date.parse(overdue.dueAt)).toBeLessThan(Date.now());

    const level = (await stack.app.inject({ method: 'GET', url: '/api/tasks?scope=level&overdue=true&process=share-request', headers: supervisor })).json();
    const late = level.find((t: { requestId: string }) => t.requestId === created.id);
    expect(late.timeLeft.overdue).toBe(true);
    expect(late.timeLeft.workingDays).toBeGreaterThan(10);
    expect(late.rung).toBe('overdue');
    const notLevel = await stack.app.inject({ method: 'GET', url: '/api/tasks?scope=level', headers: civil });
    expect(notLevel.statusCode).toBe(403);

    // The period is in Asia/Shanghai dates.
    const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const from = shanghaiDate(Date.parse(receivedAt));
    const to = shanghaiDate(Date.now());
    const assessment = (await stack.app.inject({ method: 'GET', url: `/api/assessment?from=${from}&to=${to}`, headers: supervisor })).json();
    const authority = assessment.departments.find((d: { departmentId: string }) => d.departmentId === 'hb-data');
    expect(authority.openOverdue).toBeGreaterThanOrEqual(1);
    expect(authority.escalations.overdue).toBeGreaterThanOrEqual(1);
    expect(authority.worstLatenessWorkingDays).toBeGreaterThan(10);
    const csv = await stack.app.inject({ method: 'GET', url: `/api/assessment?from=${from}&to=${to}&format=csv`, headers: supervisor });
    expect(csv.headers['content-type']).toContain('text/csv');
    // Excel's CSV: the byte-order mark, Chinese headings, the department by name (the-assessment-counts-the-period-and-exports-for-excel.test.ts).
    expect(csv.body.split('\r\n')[0]).toMatch(/^\uFEFF部门,部门代码,期内到期,期内办结,/);
    expect(csv.body).toContain('河北省数据和政务服务局,hb-data,');
    expect((await stack.app.inject({ method: 'GET', url: `/api/assessment?from=${from}&to=${to}`, headers: civil })).statusCode).toBe(403);

    // Each reader has an inbox of their own, even for a notice sent to a role.
    const unread = async (headers: Record<string, string>) =>
      ((await stack.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers })).json() as { id: string; requestId: string }[]).filter(
        (n) => n.requestId === created.id,
      );
    const mine = await unread(reviewer);
    expect(mine.length).toBeGreaterThan(0);
    for (const n of mine) {
      expect((await stack.app.inject({ method: 'POST', url: `/api/notifications/${encodeURIComponent(n.id)}/read`, headers: reviewer })).statusCode).toBe(200);
    }
    expect(await unread(reviewer)).toHaveLength(0);
    expect((await unread(supervisor)).length).toBeGreaterThan(0);
    const notTheirs = await stack.app.inject({ method: 'POST', url: `/api/notifications/${encodeURIComponent(mine[0]!.id)}/read`, headers: civil });
    expect(notTheirs.statusCode).toBe(404);
  });

  it('lists the catalogue with sharing attributes, and the departments', async () => {
    const conditional = (await stack.app.inject({ method: 'GET', url: '/api/catalogue?sharingAttribute=conditional', headers: civil })).json();
    expect(conditional.length).toBeGreaterThan(3);
    expect(conditional.every((e: { sharingAttribute: string }) => e.sharingAttribute === 'conditional')).toBe(true);
    expect(conditional[0].providerNameZh).toMatch(/厅|局|委/);
    const departments = (await stack.app.inject({ method: 'GET', url: '/api/departments', headers: civil })).json();
    expect(departments.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(['hb-data', 'hb-gov', 'ah-data']));
    expect((await stack.app.inject({ method: 'GET', url: '/api/negative-list', headers: civil })).statusCode).toBe(200);
  });
});
