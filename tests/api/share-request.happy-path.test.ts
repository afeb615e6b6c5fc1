import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, requests } from '../../db/schema';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;
let requester: Record<string, string>;
let reviewer: Record<string, string>;
let otherDepartment: Record<string, string>;

beforeAll(async () => {
  // One case here is received on a fixed date in 2025: a window of ten years keeps it registrable (local policy).
  stack = await startStack(testSecurity, { receipt: { windowDays: 3650 } });
  requester = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
  otherDepartment = await loginAs(stack.app, 'gat.zhang');
});
afterAll(() => stack?.stop());

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('an unconditional share request, through the API on the real stack', () => {
  it('is submitted, becomes an authority task due in 3 working days, and is fulfilled when the authority provides the data', async () => {
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: { ...requester, 'idempotency-key': `happy-${Date.now()}` },
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '社会组织成立登记时核验发起单位的市场主体资格' },
    });
    expect(submitted.statusCode).toBe(201);
    const request = submitted.json();
    expect(request.workflowId).toBe(`share-request/${request.id}`);

    const task = await waitFor(async () => {
      const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: reviewer })).json();
      return tasks.find((t: { requestId: string }) => t.requestId === request.id);
    }, 'the authority task');
    expect(task.step).toBe('provide-data');
    expect(task.deadline.n).toBe(3);
    expect(task.deadline.unit).toBe('working-days');
    expect(task.dueAt).toBe(new Date(task.deadline.endsAt).toISOString());
    expect(task.citation.textZh).toContain('3个工作日');
    expect(task.decisions).toEqual(['provided', 'return-incomplete']);
    expect(task.reasonRequiredFor).toContain('return-incomplete');
    // Received today, due on the third working day after today: all three are still ahead, on any day of the week.
    expect(task.timeLeft).toEqual({ state: 'running', overdue: false, workingDays: 3 });

    const completed = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
      headers: reviewer,
      payload: { decision: 'provided' },
    });
    expect(completed.statusCode).toBe(200);
    expect(completed.json().status).toBe('completed');

    await stack.client.workflow.getHandle(request.workflowId).result();
    const [row] = await stack.db.select().from(requests).where(eq(requests.id, request.id));
    expect(row?.status).toBe('fulfilled');
    const actions = (await stack.db.select().from(auditLog).where(eq(auditLog.requestId, request.id))).map((a) => a.action);
    expect(actions).toEqual(['request.submitted', 'request.status-changed', 'task.opened', 'task.completed', 'request.status-changed']);

    const detail = (await stack.app.inject({ method: 'GET', url: `/api/share-requests/${request.id}`, headers: requester })).json();
    expect(detail.timeline.map((a: { action: string }) => a.action)).toEqual(actions);
    expect(detail.tasks[0].completedBy).toBe('u-data-chen');
  });

  it('lists a task with its deadline in brief, explains it day by day on the task itself with its legal trigger, and names who claimed it', async () => {
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      // Received on a fixed date: registered by the authority's reviewer for the department (api/receipt.ts).
      headers: reviewer,
      payload: {
        catalogueEntryId: 'HB-SCJGJ-0001',
        receivedAt: '2025-09-28T10:00:00+08:00',
        receivedAtReason: '国庆前夕窗口收件，节后补录',
        onBehalfOf: 'hb-mzt',
        scenario: '国庆前夕受理的申请',
      },
    });
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id;
    const listed = await waitFor(async () => {
      const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?status=all', headers: reviewer })).json();
      return tasks.find((t: { requestId: string }) => t.requestId === id);
    }, 'the listed task');
    // 2025-09-28 was a make-up Sunday; the National Day and Mid-Autumn holiday ran 10-01 to 10-08.
    expect(listed.deadline).toMatchObject({ startDate: '2025-09-28', n: 3, unit: 'working-days', due: '2025-10-09', makeUpDaysCounted: 0 });
    expect(listed.deadline.skippedDays).toBe(listed.deadline.skippedWeekendDays + 8);
    expect(listed.deadline.holidays.join()).toContain('国庆节');
    expect(listed.deadline.rule).toContain('第二百零一条');
    expect(listed.deadline.skipped).toBeUndefined();

    const url = `/api/tasks/${encodeURIComponent(listed.id)}`;
    expect((await stack.app.inject({ method: 'POST', url: `${url}/claim`, headers: reviewer, payload: {} })).statusCode).toBe(200);
    const one = await stack.app.inject({ method: 'GET', url, headers: reviewer });
    expect(one.statusCode).toBe(200);
    expect(one.json().deadline.skipped.filter((d: { reason: string }) => d.reason === 'holiday')).toHaveLength(8);
    expect(one.json()).toMatchObject({ process: 'share-request', claimedBy: 'u-data-chen', claimedByName: '陈静' });
    // What starts the clock, as the text says it (draft art. 19: 在收到申请3个工作日内), beside the explanation.
    expect(one.json().trigger).toEqual({ zh: '自收到申请之日起', en: 'from receipt of the request' });
    expect(listed.trigger).toEqual(one.json().trigger);
    expect(one.json().option).toBeNull();
    expect((await stack.app.inject({ method: 'GET', url, headers: requester })).statusCode).toBe(200);
    expect((await stack.app.inject({ method: 'GET', url, headers: otherDepartment })).statusCode).toBe(404);
    const again = (await stack.app.inject({ method: 'GET', url: '/api/tasks?status=all', headers: reviewer })).json();
    expect(again.find((t: { id: string }) => t.id === listed.id).claimedByName).toBe('陈静');
  });

  it('returns the same request for a repeated Idempotency-Key, and refuses the key for a different request', async () => {
    const key = `idem-${Date.now()}`;
    const payload = { catalogueEntryId: 'HB-STHJT-0001', scenario: '环境执法检查时核对排污许可' };
    const first = await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: { ...requester, 'idempotency-key': key }, payload });
    const second = await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: { ...requester, 'idempotency-key': key }, payload });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const rows = await stack.db.select().from(requests).where(eq(requests.idempotencyKey, key));
    expect(rows).toHaveLength(1);
    const reused = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: { ...requester, 'idempotency-key': key },
      payload: { ...payload, scenario: '另一个场景的申请' },
    });
    expect(reused.statusCode).toBe(409);
  });

  it('hides the task from another department, which can neither see nor complete it', async () => {
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: requester,
      payload: { catalogueEntryId: 'HB-JTYST-0001', scenario: '养老服务机构车辆资质核验' },
    });
    const request = submitted.json();
    const task = await waitFor(async () => {
      const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: reviewer })).json();
      return tasks.find((t: { requestId: string }) => t.requestId === request.id);
    }, 'the authority task');

    const theirQueue = (await stack.app.inject({ method: 'GET', url: '/api/tasks?status=all', headers: otherDepartment })).json();
    expect(theirQueue.map((t: { id: string }) => t.id)).not.toContain(task.id);
    const theirView = await stack.app.inject({ method: 'GET', url: `/api/share-requests/${request.id}`, headers: otherDepartment });
    expect(theirView.statusCode).toBe(404);
    const theirCompletion = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
      headers: otherDepartment,
      payload: { decision: 'provided' },
    });
    expect(theirCompletion.statusCode).toBe(404);

    const supervisor = await loginAs(stack.app, 'data.zhao');
    const wrongRole = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(task.id)}/complete`,
      headers: supervisor,
      payload: { decision: 'provided' },
    });
    expect(wrongRole.statusCode).toBe(403);
    const [row] = await stack.db.select().from(requests).where(eq(requests.id, request.id));
    expect(row?.status).toBe('awaiting-provide-data');
  });
});
