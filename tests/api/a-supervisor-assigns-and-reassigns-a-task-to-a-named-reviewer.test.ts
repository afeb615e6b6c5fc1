import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { auditLog, notifications, users } from '../../db/schema';
import { problemLanguageFaults } from '../support/problem-languages';
import { authorityTaskOf } from '../support/authority-task';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let requester: Record<string, string>;
let reviewer: Record<string, string>;
let supervisor: Record<string, string>;
let secondSupervisor: Record<string, string>;
let secondReviewer: Record<string, string>;
let secondReviewerId: string;
let thirdReviewerId: string;
const secondReviewerName = '测试承办员';

beforeAll(async () => {
  stack = await startStack();
  requester = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
  supervisor = await loginAs(stack.app, 'data.zhao');
  // A second reviewer and a second supervisor of the Hebei authority, of this file's own: a task can go to one of two
  // people, and two supervisors can race.
  const suffix = randomUUID().slice(0, 8);
  secondReviewerId = `u-test-assign-r-${suffix}`;
  thirdReviewerId = `u-test-assign-t-${suffix}`;
  await stack.db.insert(users).values([
    { id: secondReviewerId, username: `assign-r.${suffix}`, displayName: secondReviewerName, departmentId: 'hb-data', roles: ['authority-reviewer'], passwordHash: await hashPassword('demo1234') },
    { id: thirdReviewerId, username: `assign-t.${suffix}`, displayName: '测试审核员三', departmentId: 'hb-data', roles: ['authority-reviewer'], passwordHash: await hashPassword('demo1234') },
    { id: `u-test-assign-s-${suffix}`, username: `assign-s.${suffix}`, displayName: '测试负责人', departmentId: 'hb-data', roles: ['authority-supervisor'], passwordHash: await hashPassword('demo1234') },
  ]);
  secondReviewer = await loginAs(stack.app, `assign-r.${suffix}`);
  secondSupervisor = await loginAs(stack.app, `assign-s.${suffix}`);
});
afterAll(() => stack?.stop());

/** A fresh share request and the authority's task it opens. */
const authorityTask = (scenario: string) => authorityTaskOf(stack.app, { requester, reviewer }, scenario);

const post = (headers: Record<string, string>, taskId: string, action: string, payload?: object) =>
  stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/${action}`, headers, payload: payload ?? {} });
const assign = (headers: Record<string, string>, taskId: string, userId: string) => post(headers, taskId, 'assign', { userId });
const reassign = (headers: Record<string, string>, taskId: string, userId: string, reason = '原承办人出差，改由他人办理') => post(headers, taskId, 'reassign', { userId, reason });
const auditRows = (taskId: string, action: string) => stack.db.select().from(auditLog).where(and(eq(auditLog.taskId, taskId), eq(auditLog.action, action)));
const inbox = async (headers: Record<string, string>) => (await stack.app.inject({ method: 'GET', url: '/api/notifications', headers })).json() as { kind: string; taskId: string | null; titleZh: string; details: Record<string, unknown> }[];

describe('the supervisor assigns (指派) and reassigns (转办) a task to a named reviewer', () => {
  it('lists the people who may take the task: of its department, holding its role', async () => {
    const task = await authorityTask('指派：可承办人员');
    const answer = await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(task.id)}/assignees`, headers: supervisor });
    expect(answer.statusCode, answer.body).toBe(200);
    const people = answer.json() as { id: string; displayName: string; holdsTask: boolean }[];
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining(['u-data-chen', secondReviewerId]));
    // The supervisor and the admin of the authority do not hold the reviewer's role.
    expect(people.map((p) => p.id)).not.toContain('u-data-zhao');
    expect(people.map((p) => p.id)).not.toContain('u-admin');
    expect(people.every((p) => !p.holdsTask)).toBe(true);
    for (const [who, status] of [
      [reviewer, 403],
      [requester, 404],
      [await loginAs(stack.app, 'sjz-data.zhou'), 404],
    ] as const) {
      expect((await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(task.id)}/assignees`, headers: who })).statusCode).toBe(status);
    }
  });

  it('assigns: the person holds the task (as if claimed), it is audited, and they are told in their inbox — no one else', async () => {
    const task = await authorityTask('指派：审核员收到待办');
    const assigned = await assign(supervisor, task.id, 'u-data-chen');
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().claimedBy).toBe('u-data-chen');

    const [row, ...more] = await auditRows(task.id, 'task.assigned');
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ actorUserId: 'u-data-zhao', actorDepartmentId: 'hb-data', details: { from: null, to: 'u-data-chen', toName: '陈静', by: 'u-data-zhao', reason: null } });

    const notice = (await inbox(reviewer)).find((n) => n.taskId === task.id && n.kind === 'task.assigned-to-you');
    expect(notice?.titleZh).toContain('指派给您');
    expect(String(notice?.details.textZh)).toContain('赵强');
    expect((await inbox(secondReviewer)).some((n) => n.taskId === task.id && n.kind === 'task.assigned-to-you')).toBe(false);

    // The reviewer's queue shows the task held by them, by name; a colleague cannot claim it; the person acts on it.
    const queue = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: reviewer })).json() as { id: string; claimedByName: string }[];
    expect(queue.find((t) => t.id === task.id)?.claimedByName).toBe('陈静');
    expect((await post(secondReviewer, task.id, 'claim')).statusCode).toBe(409);
    // Assigning a task someone holds is a 转办, with reasons: 409.
    const again = await assign(supervisor, task.id, secondReviewerId);
    expect(again.statusCode).toBe(409);
    expect(again.json().detailZh).toContain('陈静');
  });

  it('reassigns with written reasons: from, to, by and why audited; both people told', async () => {
    const task = await authorityTask('转办：改由他人办理');
    expect((await post(reviewer, task.id, 'claim')).statusCode).toBe(200);
    for (const reason of ['', ' \u200b ', '\u3164\u3164\u2800']) {
      const refused = await post(supervisor, task.id, 'reassign', { userId: secondReviewerId, reason });
      expect(refused.statusCode, JSON.stringify(reason)).toBe(400);
      expect(refused.json().errors[0].path).toBe('body.reason');
    }
    expect((await post(supervisor, task.id, 'reassign', { userId: secondReviewerId })).statusCode).toBe(400);

    const moved = await reassign(supervisor, task.id, secondReviewerId);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().claimedBy).toBe(secondReviewerId);
    const rows = await auditRows(task.id, 'task.reassigned');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: 'u-data-zhao', details: { from: 'u-data-chen', fromName: '陈静', to: secondReviewerId, toName: secondReviewerName, by: 'u-data-zhao', reason: '原承办人出差，改由他人办理' } });

    const toNew = (await inbox(secondReviewer)).find((n) => n.taskId === task.id && n.kind === 'task.assigned-to-you');
    expect(toNew?.titleZh).toContain('转办给您');
    expect(String(toNew?.details.textZh)).toContain('原承办人出差');
    expect((await inbox(reviewer)).some((n) => n.taskId === task.id && n.kind === 'task.reassigned-away')).toBe(true);
    // The person it was taken from no longer holds it: they cannot complete it; the new one can.
    expect((await post(reviewer, task.id, 'complete', { decision: 'provided' })).statusCode).toBe(409);
    expect((await post(secondReviewer, task.id, 'complete', { decision: 'provided' })).statusCode).toBe(200);

    // A closed task: 409, in Chinese and in English.
    const closed = await reassign(supervisor, task.id, 'u-data-chen');
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detailZh).toContain('已办结');
    expect(problemLanguageFaults(closed.json())).toEqual([]);
    expect((await assign(supervisor, task.id, 'u-data-chen')).statusCode).toBe(409);
    expect(await auditRows(task.id, 'task.reassigned')).toHaveLength(1);
  });

  it('refuses a person who cannot take the task (422 body.userId), not the supervisor (403), another province (404); nothing recorded', async () => {
    const task = await authorityTask('指派：不能承办的人');
    for (const userId of ['u-gat-zhang', 'u-data-zhao', 'u-admin', 'u-ah-data-xu', 'no-such-user', '\u4e00\ud800']) {
      const refused = await assign(supervisor, task.id, userId);
      if (userId.includes('\ud800')) {
        expect(refused.statusCode).toBe(400);
        continue;
      }
      expect(refused.statusCode, userId).toBe(422);
      expect(refused.json().errors[0].path).toBe('body.userId');
      expect(problemLanguageFaults(refused.json())).toEqual([]);
    }
    const forbidden = await assign(reviewer, task.id, 'u-data-chen');
    expect(forbidden.statusCode).toBe(403);
    expect(problemLanguageFaults(forbidden.json())).toEqual([]);
    expect((await assign(await loginAs(stack.app, 'admin'), task.id, 'u-data-chen')).statusCode).toBe(403);
    expect((await assign(await loginAs(stack.app, 'ah-data.xu'), task.id, 'u-data-chen')).statusCode).toBe(404);
    expect((await assign(requester, task.id, 'u-data-chen')).statusCode).toBe(404);
    expect((await assign(supervisor, 'no-such-task', 'u-data-chen')).statusCode).toBe(404);
    expect(await auditRows(task.id, 'task.assigned')).toHaveLength(0);
    const notices = await stack.db.select().from(notifications).where(and(eq(notifications.taskId, task.id), eq(notifications.kind, 'task.assigned-to-you')));
    expect(notices).toHaveLength(0);
  });

  it('lets one of two supervisors assigning at once win; the other is a 409; one audit row, one notice', async () => {
    const task = await authorityTask('两名负责人同时指派');
    const answers = await Promise.all([assign(supervisor, task.id, 'u-data-chen'), assign(secondSupervisor, task.id, secondReviewerId)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().claimedBy as string;
    expect(await auditRows(task.id, 'task.assigned')).toHaveLength(1);
    const notices = await stack.db.select().from(notifications).where(and(eq(notifications.taskId, task.id), eq(notifications.kind, 'task.assigned-to-you')));
    expect(notices.map((n) => n.recipientUserId)).toEqual([winner]);
  });

  it('lets one of two reassignments at once win; the other, made on the old holder, is a 409', async () => {
    const task = await authorityTask('两名负责人同时转办');
    expect((await assign(supervisor, task.id, 'u-data-chen')).statusCode).toBe(200);
    // Both move it away from 陈静, to two different people: only one may land; the other finds the holder changed
    // (it would otherwise take the task from someone it never saw, and record 陈静 as whom it was taken from).
    const answers = await Promise.all([reassign(supervisor, task.id, secondReviewerId), reassign(secondSupervisor, task.id, thirdReviewerId, '同时转办')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const rows = await auditRows(task.id, 'task.reassigned');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ from: 'u-data-chen' });
    // And back, once.
    const back = await Promise.all([reassign(supervisor, task.id, 'u-data-chen'), reassign(secondSupervisor, task.id, 'u-data-chen', '同时转回')]);
    expect(back.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await auditRows(task.id, 'task.reassigned')).toHaveLength(2);
  });
});
