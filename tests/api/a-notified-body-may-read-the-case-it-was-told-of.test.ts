import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * The last rung of the escalation ladder reports an overdue step to the people's government. The government must be
 * able to open what it was told about (the inbox links 打开待办 and 督办事项), and nothing else: a case it was not
 * notified of stays 404, like one that does not exist.
 */
let stack: TestStack;
let reviewer: Record<string, string>;
let requester: Record<string, string>;
let government: Record<string, string>;
let outsider: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  reviewer = await loginAs(stack.app, 'data.chen');
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
    // Registered 30 days after receipt: the ladder fires at once, up to the report to the people's government.
    const receivedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const reported = (
      await stack.app.inject({
        method: 'POST',
        url: '/api/share-requests',
        headers: reviewer,
        payload: { catalogueEntryId: 'HB-STHJT-0001', scenario: '补录的纸质申请：核对排污许可', receivedAt, receivedAtReason: '纸质申请件补录', onBehalfOf: 'hb-mzt' },
      })
    ).json();
    const quiet = (
      await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-JYT-0001', scenario: '助学金资格审核核验学历' } })
    ).json();

    const notices = await eventually(
      async () => (await get('/api/notifications', government)).json() as { requestId: string | null; taskId: string | null; kind: string }[],
      (list) => list.some((n) => n.requestId === reported.id && n.kind === 'escalation.government-report'),
      'the report to the government',
    );
    const notice = notices.find((n) => n.requestId === reported.id && n.kind === 'escalation.government-report')!;

    const kase = await get(`/api/share-requests/${reported.id}`, government);
    expect(kase.statusCode).toBe(200);
    expect(kase.json().scenario).toBe('补录的纸质申请：核对排污许可');
    const task = await get(`/api/tasks/${encodeURIComponent(notice.taskId!)}`, government);
    expect(task.statusCode).toBe(200);
    expect(task.json().requestId).toBe(reported.id);

    // Notified of one case is not party to the others: the quiet case and its task stay hidden from the government.
    const quietTask = await eventually(
      async () => ((await get(`/api/share-requests/${quiet.id}`, requester)).json() as { tasks: { id: string }[] }).tasks,
      (tasks) => tasks.length > 0,
      'the quiet case’s first task',
    );
    expect((await get(`/api/share-requests/${quiet.id}`, government)).statusCode).toBe(404);
    expect((await get(`/api/tasks/${encodeURIComponent(quietTask[0]!.id)}`, government)).statusCode).toBe(404);
    // And a department neither party to the reported case nor notified of it does not see it either.
    expect((await get(`/api/share-requests/${reported.id}`, outsider)).statusCode).toBe(404);
    expect((await get(`/api/tasks/${encodeURIComponent(notice.taskId!)}`, outsider)).statusCode).toBe(404);
  });
});
