import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { reconcileCases, startReconciler, type ReconcilerDeps } from '../../case-start/reconciler';
import { CalendarStore } from '../../db/calendar-store';
import { PackStore } from '../../db/pack-store';
import { auditLog, requests, tasks } from '../../db/schema';
import { ownDatabase } from '../support/own-database';
import { silentTemporal } from '../support/silent-temporal';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

/**
 * The reconciler starts the workflow of a case that was committed but never started (the API died, or Temporal did not
 * answer), once: a case with a workflow is left alone, and two reconcilers at once start a case once. Cases are made
 * by the real API; an API whose Temporal never answers leaves them committed without a workflow. A database of its
 * own, so that no other test's case is started here.
 */
let own: Awaited<ReturnType<typeof ownDatabase>>;
let stack: TestStack;
let silent: Awaited<ReturnType<typeof silentTemporal>>;
let paused: FastifyInstance;
let deps: ReconcilerDeps;
let n = 0;

beforeAll(async () => {
  own = await ownDatabase();
  stack = await startStack(testSecurity, { databaseUrl: own.url });
  silent = await silentTemporal();
  paused = await buildApp({ db: stack.db, temporal: silent.client, taskQueue: stack.taskQueue, calendar: new CalendarStore(stack.db, 1000), security: testSecurity, workflowStartWaitMs: 300 });
  deps = { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, packs: new PackStore(stack.db, 1000), log: { log: () => undefined, warn: () => undefined } };
});
afterAll(async () => {
  await paused?.close();
  await silent?.close();
  await stack?.stop();
  await own?.drop();
});

/** Submits through `app` and returns the committed case's id. */
async function submit(app: FastifyInstance, expected: number): Promise<string> {
  const key = `reconcile-${++n}`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: { ...(await loginAs(app, 'mzt.li')), 'idempotency-key': key },
    payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: `对账补启动 ${n}` },
  });
  expect(response.statusCode, response.body).toBe(expected);
  const [row] = await stack.db.select({ id: requests.id }).from(requests).where(eq(requests.idempotencyKey, key));
  return row!.id;
}

const orphan = () => submit(paused, 503);

async function runsOf(id: string): Promise<string[]> {
  const [row] = await stack.db.select({ workflowId: requests.workflowId }).from(requests).where(eq(requests.id, id));
  const runs: string[] = [];
  for await (const w of stack.client.workflow.list({ query: `WorkflowId = '${row!.workflowId}'` })) runs.push(w.runId);
  return runs;
}

async function startedAudits(ids: string[]) {
  return stack.db.select().from(auditLog).where(and(inArray(auditLog.requestId, ids), eq(auditLog.action, 'request.workflow-started')));
}

async function taskOf(id: string) {
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    const [task] = await stack.db.select().from(tasks).where(eq(tasks.requestId, id));
    if (task) return task;
  }
  throw new Error(`no task for ${id}`);
}

/** Visibility is eventually consistent: waits until every listed workflow shows. */
async function settledRuns(ids: string[]): Promise<string[][]> {
  for (const until = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
    const runs = await Promise.all(ids.map(runsOf));
    if (runs.every((r) => r.length > 0) || Date.now() > until) return runs;
  }
}

describe('the reconciler', () => {
  it('starts a committed case that has no workflow, once, and records it in the audit trail', async () => {
    const id = await orphan();
    expect(await runsOf(id)).toEqual([]);
    // Within its grace period a case is left to the API that is starting it.
    expect((await reconcileCases(deps, { graceMs: 3_600_000, waitMs: 30_000 })).started).toEqual([]);

    const first = await reconcileCases(deps, { graceMs: 0, waitMs: 30_000 });
    expect(first).toMatchObject({ started: [id], existing: [], failed: [] });
    const task = await taskOf(id);
    expect(task).toMatchObject({ status: 'open', assigneeDepartmentId: 'hb-data' });
    // Its clock runs from the receipt, not from the late start.
    const [row] = await stack.db.select().from(requests).where(eq(requests.id, id));
    expect(Date.parse((task.deadline as { start: string }).start)).toBe(row!.receivedAt.getTime());
    expect(row!.workflowStartedAt).not.toBeNull();

    const second = await reconcileCases(deps, { graceMs: 0, waitMs: 30_000 });
    expect([...second.started, ...second.existing]).not.toContain(id);
    expect(await settledRuns([id])).toEqual([[expect.any(String)]]);
    const audits = await startedAudits([id]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: null, details: { by: 'reconciler', workflowId: row!.workflowId } });
  });

  it('leaves a case with a workflow alone: one marked started is not looked at, one unmarked is only marked', async () => {
    const started = await submit(stack.app, 201);
    // The API started this one and died before it could mark it.
    const unmarked = await submit(stack.app, 201);
    await stack.db.update(requests).set({ workflowStartedAt: null }).where(eq(requests.id, unmarked));
    const [before] = await settledRuns([unmarked]);

    const report = await reconcileCases(deps, { graceMs: 0, waitMs: 30_000 });
    expect(report.started).toEqual([]);
    expect(report.existing).toEqual([unmarked]);
    expect(await runsOf(unmarked)).toEqual(before);
    expect(await settledRuns([started])).toEqual([[expect.any(String)]]);
    expect(await startedAudits([started, unmarked])).toEqual([]);
    const [row] = await stack.db.select().from(requests).where(eq(requests.id, unmarked));
    expect(row!.workflowStartedAt).not.toBeNull();
  });

  it('starts a case once when two reconcilers race for it', async () => {
    const ids = [await orphan(), await orphan(), await orphan()];
    const [a, b] = await Promise.all([reconcileCases(deps, { graceMs: 0, waitMs: 30_000 }), reconcileCases(deps, { graceMs: 0, waitMs: 30_000 })]);
    expect([...a.failed, ...b.failed]).toEqual([]);
    expect([...a.started, ...b.started].sort()).toEqual([...ids].sort());
    // What one started the other found there (or had already seen marked).
    for (const id of ids) expect([a, b].filter((r) => r.started.includes(id) || r.existing.includes(id)).length).toBeGreaterThanOrEqual(1);
    const runs = await settledRuns(ids);
    expect(runs.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(await startedAudits(ids)).toHaveLength(3);
    await Promise.all(ids.map(taskOf));
  });

  it('runs at start-up and then periodically, until stopped', async () => {
    const early = await orphan();
    const running = startReconciler(deps, { graceMs: 0, everyMs: 200, waitMs: 30_000 });
    let late = '';
    try {
      late = await orphan();
      await Promise.all([taskOf(early), taskOf(late)]);
    } finally {
      await running.stop();
    }
    expect(await startedAudits([early, late])).toHaveLength(2);
    // Stopped: a case committed now stays as it is.
    const after = await orphan();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await runsOf(after)).toEqual([]);
  });
});
