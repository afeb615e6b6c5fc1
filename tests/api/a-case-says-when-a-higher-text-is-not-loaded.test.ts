/**
 * From 2025-08-01 《政务数据共享条例》 (国务院令第809号) ranks above every provincial text and its rules are not loaded:
 * a case received on or after that date says so on its detail and its task, and the rules preview says so for such a
 * date; a case or preview before it does not. On the real Postgres and Temporal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;
let requester: Record<string, string>;
let reviewer: Record<string, string>;

beforeAll(async () => {
  // One case is registered as received on 31 July 2025: a window of ten years keeps it registrable (local policy).
  stack = await startStack(testSecurity, { receipt: { windowDays: 3650 } });
  requester = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
});
afterAll(() => stack?.stop());

interface Texts {
  warning: { code: string; texts: string[]; zh: string; en: string } | null;
  applicableTexts: { id: string; rank: string; loaded: boolean; pack: string | null; deadlinesFrom: boolean }[];
}

let n = 0;
const key = () => `higher-text-${Date.now()}-${n++}`;

async function submit(headers: Record<string, string>, extra: Record<string, unknown> = {}): Promise<{ id: string; receivedAt: string }> {
  const response = await stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: { ...headers, 'idempotency-key': key() },
    payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '社会组织成立登记时核验发起单位的市场主体资格', ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function caseDetail(id: string): Promise<Texts & { tasks: { id: string }[] }> {
  const response = await stack.app.inject({ method: 'GET', url: `/api/share-requests/${id}`, headers: requester });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** The case's first task, through GET /api/tasks/:id, once its workflow has opened it. */
async function firstTask(id: string): Promise<Texts & { step: string }> {
  for (let i = 0; i < 600; i++) {
    const [task] = (await caseDetail(id)).tasks;
    if (task) {
      const response = await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(task.id)}`, headers: reviewer });
      expect(response.statusCode).toBe(200);
      return response.json();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no task opened for ${id}`);
}

async function preview(received: string): Promise<Texts> {
  const response = await stack.app.inject({
    method: 'GET',
    url: `/api/rules/hebei-2023/preview?process=conditional-share&received=${encodeURIComponent(received)}`,
    headers: requester,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const summary = (texts: Texts) => texts.applicableTexts.map((t) => [t.id, t.loaded, t.deadlinesFrom]);

describe('a case says when a higher text applies whose rules are not loaded', () => {
  it('a case received now carries the national regulation, unloaded, above the Hebei Measures, and the warning, on the case and on its task', async () => {
    const created = await submit(requester);
    // Received now, which is after 2025-08-01 on any day this test runs.
    expect(created.receivedAt >= '2025-07-31T16:00:00.000Z').toBe(true);
    const detail = await caseDetail(created.id);
    expect(summary(detail)).toEqual([
      ['state-council-809', false, false],
      ['hebei-2023', true, true],
    ]);
    expect(detail.applicableTexts[0]).toMatchObject({ rank: 'administrative-regulation', pack: null });
    expect(detail.warning).toMatchObject({ code: 'higher-text-not-loaded', texts: ['state-council-809'] });
    expect(detail.warning!.zh).toContain('《政务数据共享条例》（国务院令第809号');
    expect(detail.warning!.zh).toContain('尚未载入本系统');
    expect(detail.warning!.zh).toContain('仅依据《河北省政务数据共享应用管理办法》计算，可能不是全部适用的法律规定');
    expect(detail.warning!.en).toContain('State Council Order No. 809');
    expect(detail.warning!.en).toContain('may not be all the law that applies');

    const task = await firstTask(created.id);
    expect(task.step).toBe('provide-data');
    expect(task.warning).toEqual(detail.warning);
    expect(summary(task)).toEqual(summary(detail));
  });

  it('a case received on 31 July 2025 (Asia/Shanghai) has only the Hebei Measures and no warning, on the case and on its task', async () => {
    const created = await submit(reviewer, { receivedAt: '2025-07-31T23:59:59+08:00', receivedAtReason: '纸质申请件，窗口收件后补录', onBehalfOf: 'hb-mzt' });
    const detail = await caseDetail(created.id);
    expect(summary(detail)).toEqual([['hebei-2023', true, true]]);
    expect(detail.warning).toBeNull();
    const task = await firstTask(created.id);
    expect(task.warning).toBeNull();
    expect(summary(task)).toEqual([['hebei-2023', true, true]]);
  });

  it('the rules preview warns from 1 August 2025 (Asia/Shanghai) and not before', async () => {
    const before = await preview('2025-07-31T23:59:59+08:00');
    expect(before.warning).toBeNull();
    expect(summary(before)).toEqual([['hebei-2023', true, true]]);

    const after = await preview('2025-07-31T16:00:00Z');
    expect(after.warning).toMatchObject({ code: 'higher-text-not-loaded', texts: ['state-council-809'] });
    expect(after.warning!.zh).toContain('收件之日为2025年8月1日');
    expect(summary(after)).toEqual([
      ['state-council-809', false, false],
      ['hebei-2023', true, true],
    ]);
  });
});
