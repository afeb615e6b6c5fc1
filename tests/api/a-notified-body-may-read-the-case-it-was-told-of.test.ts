import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportToGovernment } from '../support/report-to-government';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * The escalation ladder reports an overdue step to the people's government (recorded here through the real activity, now). It must be
 * able to open what it was told about (the inbox links 打开待办 and 督办事项), and nothing else: a case it was not
 * notified of stays 404, like one that does not exist.
 */
let stack: TestStack;
let requester: Record<string, string>;
let government: Record<string, string>;
let outsider: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  requester = await loginAs(stack.app, 'mzt.li');
  government = await loginAs(stack.app, 'gov.sun');
  outsider = await loginAs(stack.app, 'scjgj.wang');
});
afterAll(() => stack?.stop());

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const get = (url: string, headers: Record<string, string>) => stack.app.inject({ method: 'GET', url, headers });

describe('a body an escalation rung notified', () => {
  it('may read that case and its task (200); a case it was not notified of stays not found (404)', async () => {
    // Two cases of the same department; the ladder reports the first one's open step to the people's government.
    const reported = (
      await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-STHJT-0001', scenario: '核对排污许可：报告本级人民政府的案件' } })
    ).json();
    const quiet = (
      await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-JYT-0001', scenario: '助学金资格审核核验学历' } })
    ).json();
    const firstTask = (id: string) =>
      eventually(
        async () => ((await get(`/api/share-requests/${id}`, requester)).json() as { tasks: { id: string }[] }).tasks,
        (tasks) => tasks.length > 0,
        `the first task of ${id}`,
      );
    const reportedTask = (await firstTask(reported.id))[0]!;
    const quietTask = (await firstTask(quiet.id))[0]!;
    // Before the report the government may not read the case: it is no party to it.
    expect((await get(`/api/share-requests/${reported.id}`, government)).statusCode).toBe(404);
    await reportToGovernment(stack.db, reportedTask.id);

    const notices = await eventually(
      async () => (await get('/api/notifications', government)).json() as { requestId: string | null; taskId: string | null; kind: string }[],
      (list) => list.some((n) => n.requestId === reported.id && n.kind === 'escalation.government-report'),
      'the report to the government',
    );
    const notice = notices.find((n) => n.requestId === reported.id && n.kind === 'escalation.government-report')!;

    const kase = await get(`/api/share-requests/${reported.id}`, government);
    expect(kase.statusCode).toBe(200);
    expect(kase.json().scenario).toBe('核对排污许可：报告本级人民政府的案件');
    const task = await get(`/api/tasks/${encodeURIComponent(notice.taskId!)}`, government);
    expect(task.statusCode).toBe(200);
    expect(task.json().requestId).toBe(reported.id);

    // Notified of one case is not party to the others: the quiet case and its task stay hidden from the government.
    expect((await get(`/api/share-requests/${quiet.id}`, government)).statusCode).toBe(404);
    expect((await get(`/api/tasks/${encodeURIComponent(quietTask.id)}`, government)).statusCode).toBe(404);
    // And a department neither party to the reported case nor notified of it does not see it either.
    expect((await get(`/api/share-requests/${reported.id}`, outsider)).statusCode).toBe(404);
    expect((await get(`/api/tasks/${encodeURIComponent(notice.taskId!)}`, outsider)).statusCode).toBe(404);
  });
});
