import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { reconcileCases } from '../../case-start/reconciler';
import { CalendarStore } from '../../db/calendar-store';
import { PackStore } from '../../db/pack-store';
import { auditLog, requests, tasks } from '../../db/schema';
import { ownDatabase } from '../support/own-database';
import { silentTemporal } from '../support/silent-temporal';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

/**
 * Temporal that accepts the connection and never answers (a paused server) used to hold a submission open for over a
 * minute. Now the start call has a deadline: the submission is answered 503 within seconds, in Chinese and English,
 * saying it is kept and will be started — and it is kept, and the reconciler starts it once Temporal answers.
 */
let own: Awaited<ReturnType<typeof ownDatabase>>;
let stack: TestStack;
let silent: Awaited<ReturnType<typeof silentTemporal>>;
let paused: FastifyInstance;
const waitMs = 1_500;

beforeAll(async () => {
  own = await ownDatabase();
  stack = await startStack(testSecurity, { databaseUrl: own.url });
  silent = await silentTemporal();
  paused = await buildApp({ db: stack.db, temporal: silent.client, taskQueue: stack.taskQueue, calendar: new CalendarStore(stack.db, 1000), security: testSecurity, workflowStartWaitMs: waitMs });
});
afterAll(async () => {
  await paused?.close();
  await silent?.close();
  await stack?.stop();
  await own?.drop();
});

describe('a submission while Temporal does not answer', () => {
  it('is answered 503 within seconds, saying in both languages that it is kept; the reconciler then starts it', async () => {
    const headers = { ...(await loginAs(paused, 'mzt.li')), 'idempotency-key': 'paused-temporal-1' };
    const payload = { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '流程服务无响应时的提交' };
    const began = Date.now();
    const answered = await paused.inject({ method: 'POST', url: '/api/share-requests', headers, payload });
    const tookMs = Date.now() - began;
    expect(answered.statusCode, answered.body).toBe(503);
    // Bounded by the start deadline (1.5 s here), not by how long Temporal stays away: a hang would be minutes.
    expect(tookMs).toBeLessThan(20_000);
    expect(answered.headers['content-type']).toContain('application/problem+json');
    expect(answered.headers['retry-after']).toBeDefined();
    const detail = String(answered.json().detail);
    expect(String(answered.json().detailZh)).toContain('提交已保留，系统将自动启动办理流程');
    expect(detail).toContain('It is kept and will be started automatically');
    expect(detail).toContain('retry with the same Idempotency-Key');

    // Readiness says so, within its own deadline, instead of hanging with the probe.
    const ready = await paused.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ postgres: true, temporal: false });

    // Kept: one case, committed with the input its workflow starts from, not marked started.
    const [kept, ...more] = await stack.db.select().from(requests).where(eq(requests.idempotencyKey, 'paused-temporal-1'));
    expect(more).toEqual([]);
    expect(kept).toMatchObject({ status: 'received', workflowStartedAt: null });
    expect(kept!.workflowInput).toMatchObject({ requestId: kept!.id, catalogueEntryId: 'HB-SCJGJ-0001', receivedAt: kept!.receivedAt.toISOString() });
    expect(detail).toContain(kept!.id);

    // A retry while Temporal is still silent: the same case, the same answer, nothing recorded twice.
    const again = await paused.inject({ method: 'POST', url: '/api/share-requests', headers, payload });
    expect(again.statusCode).toBe(503);
    expect(await stack.db.select().from(requests).where(eq(requests.idempotencyKey, 'paused-temporal-1'))).toHaveLength(1);

    // Temporal answers again (here: the reconciler's client is the real one): the case gets its workflow and its task.
    const report = await reconcileCases({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, packs: new PackStore(stack.db, 1000), log: { log: () => undefined, warn: () => undefined } }, { graceMs: 0, waitMs: 30_000 });
    expect(report.started).toEqual([kept!.id]);
    let task: typeof tasks.$inferSelect | undefined;
    for (const until = Date.now() + 60_000; !task && Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      [task] = await stack.db.select().from(tasks).where(eq(tasks.requestId, kept!.id));
    }
    expect(task).toMatchObject({ status: 'open', assigneeDepartmentId: 'hb-data' });
    const audited = await stack.db.select().from(auditLog).where(and(eq(auditLog.requestId, kept!.id), eq(auditLog.action, 'request.workflow-started')));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({ by: 'reconciler' });

    // The submitter's retry now finds it started: 200 with the same case, no second start.
    const reviewer = await loginAs(stack.app, 'mzt.li');
    const retried = await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: { ...reviewer, 'idempotency-key': 'paused-temporal-1' }, payload });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().id).toBe(kept!.id);
  }, 120_000);
});
