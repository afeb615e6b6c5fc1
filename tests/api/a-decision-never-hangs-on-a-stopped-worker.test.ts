import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, tasks } from '../../db/schema';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

/**
 * A decision is a Temporal update the case's workflow must take. With no worker to run it (a deploy, a crash, a
 * backlog) the request used to wait as long as the worker stayed away. Now it answers within the API's wait with a
 * 503 that says the truth — it may still be recorded — and the same decision sent again is taken exactly once.
 */
let stack: TestStack;
let requester: Record<string, string>;
let reviewer: Record<string, string>;

beforeAll(async () => {
  stack = await startStack(testSecurity, { taskUpdateWaitMs: 1_500 });
  requester = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
});
afterAll(() => stack?.stop());

async function openTaskOf(requestId: string): Promise<{ id: string }> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    const list = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: reviewer })).json() as Array<{ id: string; requestId: string }>;
    const found = list.find((t) => t.requestId === requestId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no task for ${requestId}`);
}

const complete = (taskId: string, decision: string) =>
  stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers: reviewer, payload: { decision } });

describe('a decision sent while no worker runs the case', () => {
  it('is answered with a 503 saying it may still be recorded, then taken exactly once when sent again', async () => {
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: requester,
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '工作进程停止时的办理' },
    });
    expect(created.statusCode).toBe(201);
    const task = await openTaskOf(created.json().id);

    await stack.stopWorker();
    const waiting = await complete(task.id, 'provided');
    expect(waiting.statusCode, waiting.body).toBe(503);
    expect(waiting.headers['content-type']).toContain('application/problem+json');
    expect(waiting.headers['retry-after']).toBeDefined();
    expect(waiting.json().detail).toContain('may still record it');
    expect(waiting.json().detailZh).toContain('重复提交同一内容是安全的');
    const [stillOpen] = await stack.db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(stillOpen!.status).toBe('open');

    await stack.startWorker();
    let again = await complete(task.id, 'provided');
    for (const until = Date.now() + 60_000; again.statusCode === 503 && Date.now() < until; ) again = await complete(task.id, 'provided');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'completed', decision: 'provided' });
    // The same decision once more: the first answer again, nothing taken twice; another decision finds the task done.
    expect((await complete(task.id, 'provided')).statusCode).toBe(200);
    expect((await complete(task.id, 'return-incomplete')).statusCode).toBe(409);
    const completions = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.taskId, task.id), eq(auditLog.action, 'task.completed')));
    expect(completions).toHaveLength(1);
  }, 180_000);
});
