import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests } from '../../db/schema';
import { diagnoseCase } from '../support/diagnose-case';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let civil: Record<string, string>;
let reviewer: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  civil = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
});
afterAll(() => stack?.stop());

describe('idempotent submission and the deadlines feed', () => {
  it('turns ten identical submissions sent at once into one case and one workflow', async () => {
    const key = `burst-${Date.now()}`;
    const payload = { catalogueEntryId: 'HB-JTYST-0001', scenario: '十个并发的相同申请' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: { ...civil, 'idempotency-key': key }, payload }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(await stack.db.select().from(requests).where(eq(requests.idempotencyKey, key))).toHaveLength(1);
    const [workflowId] = responses.map((r) => r.json().workflowId);
    const executions = [];
    for await (const execution of stack.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) executions.push(execution);
    expect(executions).toHaveLength(1);
  });

  it('serves the department’s open due instants as an iCalendar feed, to that department only', async () => {
    const created = (
      await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: civil, payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '订阅期限的测试申请' } })
    ).json();
    // The workflow opens the task a moment after the submission; on a loaded machine that moment can be long.
    let opened = false;
    for (const until = Date.now() + 90_000; !opened && Date.now() < until; ) {
      const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: reviewer })).json();
      opened = tasks.some((t: { requestId: string }) => t.requestId === created.id);
      if (!opened) await new Promise((r) => setTimeout(r, 100));
    }
    if (!opened) throw new Error(`the task did not open:\n${await diagnoseCase(stack, created.id)}`);
    const feed = await stack.app.inject({ method: 'GET', url: '/api/departments/hb-data/deadlines.ics', headers: reviewer });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(feed.body).toContain(`UID:${created.id}-provide-data-1@gds`);
    expect(feed.body).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\nDTEND;VALUE=DATE:\d{8}/);
    expect(feed.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const other = await stack.app.inject({ method: 'GET', url: '/api/departments/hb-data/deadlines.ics', headers: civil });
    expect(other.statusCode).toBe(404);
  }, 120_000);
});
