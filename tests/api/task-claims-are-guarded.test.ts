import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { auditLog, users } from '../../db/schema';
import { authorityTaskOf } from '../support/authority-task';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let requester: Record<string, string>;
let reviewer: Record<string, string>;
let secondReviewer: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  requester = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
  // A second reviewer of the same authority, of this file's own, so two people of the task's role can race.
  const suffix = randomUUID().slice(0, 8);
  await stack.db.insert(users).values({
    id: `u-test-claims-${suffix}`,
    username: `claims.${suffix}`,
    displayName: '测试审核员',
    departmentId: 'hb-data',
    roles: ['authority-reviewer'],
    passwordHash: await hashPassword('demo1234'),
  });
  secondReviewer = await loginAs(stack.app, `claims.${suffix}`);
});
afterAll(() => stack?.stop());

/** A fresh share request and the authority's task it opens. */
const authorityTask = (scenario: string) => authorityTaskOf(stack.app, { requester, reviewer }, scenario);

const post = (headers: Record<string, string>, taskId: string, action: string, payload?: object) =>
  stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/${action}`, headers, ...(payload ? { payload } : {}) });

const auditActions = async (taskId: string, action: string) =>
  (await stack.db.select().from(auditLog).where(and(eq(auditLog.taskId, taskId), eq(auditLog.action, action)))).length;

describe('claiming and releasing a task', () => {
  it('refuses to release or claim a completed task (409), and records nothing', async () => {
    const task = await authorityTask('已办结的待办不能释放');
    expect((await post(reviewer, task.id, 'claim')).statusCode).toBe(200);
    expect((await post(reviewer, task.id, 'complete', { decision: 'provided' })).statusCode).toBe(200);

    const release = await post(reviewer, task.id, 'release');
    expect(release.statusCode).toBe(409);
    expect(release.headers['content-type']).toContain('application/problem+json');
    expect(release.json().detail).toContain('completed');
    const claim = await post(secondReviewer, task.id, 'claim');
    expect(claim.statusCode).toBe(409);

    const detail = (await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(task.id)}`, headers: reviewer })).json();
    expect(detail.claimedBy).toBe('u-data-chen');
    expect(await auditActions(task.id, 'task.released')).toBe(0);
    expect(await auditActions(task.id, 'task.claimed')).toBe(1);
  });

  it('lets one of two claims sent at once win; the other is a 409', async () => {
    const task = await authorityTask('两人同时认领');
    const answers = await Promise.all([post(reviewer, task.id, 'claim'), post(secondReviewer, task.id, 'claim')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().claimedBy;
    const detail = (await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(task.id)}`, headers: reviewer })).json();
    expect(detail.claimedBy).toBe(winner);
    expect(await auditActions(task.id, 'task.claimed')).toBe(1);
  });

  it('lets only the claimer release, and another department not see the task at all', async () => {
    const task = await authorityTask('只有认领人可以释放');
    expect((await post(reviewer, task.id, 'claim')).statusCode).toBe(200);
    expect((await post(secondReviewer, task.id, 'release')).statusCode).toBe(409);
    expect((await post(requester, task.id, 'claim')).statusCode).toBe(404);
    expect((await post(reviewer, task.id, 'release')).statusCode).toBe(200);
    expect((await post(secondReviewer, task.id, 'claim')).statusCode).toBe(200);
    expect(await auditActions(task.id, 'task.released')).toBe(1);
  });

  it('a claim that blocks a task is released by the authority’s supervisor or an admin, with reasons, audited; 403 for its colleagues, 404 for bodies outside it', async () => {
    const task = await authorityTask('经办人已调离，待办被认领后无人释放');
    expect((await post(secondReviewer, task.id, 'claim')).statusCode).toBe(200);
    const override = (who: Record<string, string>, payload: object = { reason: '经办人已调离，由科长收回' }) => post(who, task.id, 'override-claim', payload);

    // Not the claimant's colleague (403); the requesting department and another authority's supervisor are not told
    // the task exists (404).
    const citySupervisor = await loginAs(stack.app, 'sjz-data.zhou');
    expect((await override(reviewer)).statusCode).toBe(403);
    for (const who of [requester, citySupervisor]) {
      const refused = await override(who);
      expect(refused.statusCode, refused.body).toBe(404);
    }
    expect((await post(reviewer, task.id, 'release')).statusCode).toBe(409);

    const supervisor = await loginAs(stack.app, 'data.zhao');
    for (const reason of [undefined, '', ' \u200b ', '\u3164\u3164\u2800']) {
      const refused = await override(supervisor, reason === undefined ? {} : { reason });
      expect(refused.statusCode, JSON.stringify(reason)).toBe(400);
      expect(refused.json().errors[0].path).toBe('body.reason');
    }
    expect(await auditActions(task.id, 'task.claim-overridden')).toBe(0);

    const released = await override(supervisor);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().claimedBy).toBeNull();
    const [row] = await stack.db.select().from(auditLog).where(and(eq(auditLog.taskId, task.id), eq(auditLog.action, 'task.claim-overridden')));
    expect(row).toMatchObject({ actorUserId: 'u-data-zhao', actorDepartmentId: 'hb-data', details: { claimedBy: expect.stringMatching(/^u-test-claims-/), reason: '经办人已调离，由科长收回' } });
    expect((await override(supervisor)).statusCode).toBe(409); // nothing claimed any more

    // The task is free: the reviewer claims it; an admin may release that claim too.
    expect((await post(reviewer, task.id, 'claim')).statusCode).toBe(200);
    const admin = await loginAs(stack.app, 'admin');
    expect((await override(admin, { reason: '管理员代为释放' })).statusCode).toBe(200);
    expect(await auditActions(task.id, 'task.claim-overridden')).toBe(2);
  });
});
