import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, departmentWebhooks } from '../../db/schema';
import { localWebhooks, loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

/**
 * An audit row per state change, however close together: the key of an API write used to end in the write's
 * timestamp, so two writes in the same millisecond shared a key and the second row was dropped as a retry. The clock is
 * frozen here, so every write of a burst falls in the same millisecond.
 */
let stack: TestStack;
let clerk: Record<string, string>;

beforeAll(async () => {
  stack = await startStack(testSecurity, { webhookPolicy: localWebhooks });
  clerk = await loginAs(stack.app, 'mzt.li');
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => stack?.stop());

const setWebhook = (url: string) => stack.app.inject({ method: 'PUT', url: '/api/departments/hb-mzt/webhook', headers: clerk, payload: { url } });

describe('every change has its own audit row', () => {
  it('30 webhook changes in the same millisecond: 30 rows, and the webhook left in place has its row', async () => {
    const run = randomUUID().slice(0, 8);
    const urls = Array.from({ length: 30 }, (_, i) => `http://127.0.0.1:9/${run}/hook-${i}`);
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    const answers = await Promise.all(urls.map(setWebhook));
    expect(answers.map((a) => a.statusCode)).toEqual(urls.map(() => 200));

    const rows = await stack.db
      .select({ url: sql<string>`${auditLog.details}->>'url'` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'webhook.set'), inArray(sql`${auditLog.details}->>'url'`, urls)));
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.url))).toEqual(new Set(urls));
    const [left] = await stack.db.select().from(departmentWebhooks).where(eq(departmentWebhooks.departmentId, 'hb-mzt'));
    expect(rows.map((r) => r.url)).toContain(left!.url);
  });

  it('turning the webhook off twice in the same millisecond (set between): two rows', async () => {
    const before = await stack.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'webhook.off'));
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    expect((await setWebhook(`http://127.0.0.1:9/${randomUUID()}`)).statusCode).toBe(200);
    expect((await stack.app.inject({ method: 'DELETE', url: '/api/departments/hb-mzt/webhook', headers: clerk })).statusCode).toBe(200);
    expect((await stack.app.inject({ method: 'DELETE', url: '/api/departments/hb-mzt/webhook', headers: clerk })).statusCode).toBe(200);
    const after = await stack.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'webhook.off'));
    expect(after[0]!.n - before[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('a claim, a release and a claim again in the same millisecond: three rows', async () => {
    const gatekeeper = await loginAs(stack.app, 'data.chen');
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: clerk,
      payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '婚姻登记时核验当事人身份' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const requestId = created.json().id as string;
    let task: { id: string } | undefined;
    for (let i = 0; i < 300 && !task; i++) {
      const list = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: gatekeeper })).json() as { id: string; requestId: string }[];
      task = list.find((t) => t.requestId === requestId);
      if (!task) await new Promise((r) => setTimeout(r, 100));
    }
    expect(task).toBeDefined();
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    for (const action of ['claim', 'release', 'claim']) {
      const r = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(task!.id)}/${action}`, headers: gatekeeper });
      expect(r.statusCode, r.body).toBe(200);
    }
    const rows = await stack.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.taskId, task!.id), inArray(auditLog.action, ['task.claimed', 'task.released'])));
    expect(rows.map((r) => r.action).sort()).toEqual(['task.claimed', 'task.claimed', 'task.released']);
  });
});
