import { and, asc, count, eq, sql } from 'drizzle-orm';
import { noticesOfAssignment } from '../activities/notices';
import { apiEventKey, appendAudit } from '../db/audit';
import type { Db } from '../db/client';
import { departments, tasks, users } from '../db/schema';
import { hasWrittenText } from '../rules/written-text';
import type { AuthUser } from './plugins/auth';
import { HttpProblem } from './problem';
import { text, things } from './problem-text';

/** 指派 gives an unclaimed task to a person; 转办 gives a claimed one to another, with written reasons. */
export type AssignMode = 'assign' | 'reassign';

/**
 * The task, if the caller is the supervisor of its competent authority (the authority of the assignee's level, or the
 * assignee itself when it is an authority — as for releasing a claim). Outside that authority and the task's own
 * department the task does not exist as far as the caller can tell (404); inside, anyone else is refused (403).
 */
async function supervisedTask(db: Db, user: AuthUser, taskId: string) {
  const [found] = await db
    .select({ task: tasks, authorityId: departments.authorityId })
    .from(tasks)
    .innerJoin(departments, eq(departments.id, tasks.assigneeDepartmentId))
    .where(eq(tasks.id, taskId));
  if (!found) throw HttpProblem.notFound(things.task);
  const authority = found.authorityId ?? found.task.assigneeDepartmentId;
  if (user.departmentId !== authority && user.departmentId !== found.task.assigneeDepartmentId) throw HttpProblem.notFound(things.task);
  if (!(user.roles.includes('authority-supervisor') && user.departmentId === authority)) {
    throw HttpProblem.forbidden(text(`只有 ${authority} 的负责人可以指派或转办该事项`, `Only the supervisor of ${authority} may assign or reassign this task`));
  }
  return { task: found.task, authority };
}

/** The people who may take a task: of its assignee department, holding its assignee role; with how many open tasks each holds. */
export async function assignableUsers(db: Db, user: AuthUser, taskId: string) {
  const { task } = await supervisedTask(db, user, taskId);
  const held = db
    .select({ userId: tasks.claimedBy, n: count().as('n') })
    .from(tasks)
    .where(eq(tasks.status, 'open'))
    .groupBy(tasks.claimedBy)
    .as('held');
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, openTasks: sql<number>`coalesce(${held.n}, 0)::int` })
    .from(users)
    .leftJoin(held, eq(held.userId, users.id))
    .where(and(eq(users.departmentId, task.assigneeDepartmentId), sql`${task.assigneeRole} = any(${users.roles})`))
    .orderBy(asc(users.displayName), asc(users.id));
  return rows.map((r) => ({ ...r, holdsTask: r.id === task.claimedBy }));
}

/**
 * Assigns (指派) or reassigns (转办) a task to a named person, who then holds it as if they had claimed it, so the
 * guards on claims hold (only they act on it or release it). One guarded statement: the `UPDATE … FROM` itself says
 * the task is open, in the caller's authority, unclaimed (指派) or still claimed by the same person as in the
 * statement's own snapshot and not by the new one (转办), and the new person is of the task's department and holds its
 * role. The audit row (`task.assigned` / `task.reassigned`: from, to, by, reason) and the person's notice are written
 * in the same transaction. When nothing changed, the task is read once more only to say why.
 *
 * Thrown: 404 (no such task, or outside the caller's authority), 403 (not its supervisor), 400 (a reassignment without
 * written reasons), 422 `body.userId` (the person cannot take it), 409 (closed, already claimed — or for 转办 not
 * claimed — or changed meanwhile).
 */
export async function assignTask(db: Db, user: AuthUser, taskId: string, mode: AssignMode, userId: string, reason?: string) {
  const { authority } = await supervisedTask(db, user, taskId);
  if (mode === 'reassign' && !hasWrittenText(reason ?? '')) {
    throw HttpProblem.badRequest('body.reason', text('须写明转办的理由', 'must say why the task is reassigned (written reasons)'), 'reasonRequired');
  }
  const at = new Date();
  const holder = mode === 'assign' ? sql`t.claimed_by is null` : sql`t.claimed_by is not null and t.claimed_by = old.claimed_by and t.claimed_by <> ${userId}`;
  const changed = await db.transaction(async (tx) => {
    const updated = await tx.execute<{ id: string; from: string | null }>(sql`
      update tasks as t set claimed_by = ${userId}, claimed_at = ${at.toISOString()}::timestamptz
      from tasks as old, users as u, departments as d
      where t.id = ${taskId} and old.id = t.id and u.id = ${userId} and d.id = t.assignee_department_id
        and t.status = 'open'
        and coalesce(d.authority_id, d.id) = ${authority}
        and u.department_id = t.assignee_department_id and t.assignee_role = any(u.roles)
        and ${holder}
      returning t.id as id, old.claimed_by as "from"`);
    const hit = updated[0];
    if (!hit) return undefined;
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, hit.id));
    const names = new Map(
      (await tx.select({ id: users.id, name: users.displayName }).from(users).where(sql`${users.id} in (${userId}, ${user.id}, ${hit.from ?? userId})`)).map((u) => [u.id, u.name]),
    );
    const action = mode === 'assign' ? 'task.assigned' : 'task.reassigned';
    await appendAudit(tx, {
      eventKey: apiEventKey(action, `${task!.id}:${userId}`),
      at,
      action,
      actorUserId: user.id,
      actorDepartmentId: user.departmentId,
      requestId: task!.requestId,
      taskId: task!.id,
      details: { from: hit.from, fromName: hit.from ? (names.get(hit.from) ?? null) : null, to: userId, toName: names.get(userId) ?? null, by: user.id, reason: reason ?? null },
    });
    await noticesOfAssignment(tx, {
      task: task!,
      mode: mode === 'assign' ? 'assigned' : 'reassigned',
      at,
      by: { id: user.id, name: names.get(user.id) ?? user.id, departmentId: user.departmentId },
      to: { id: userId, name: names.get(userId) ?? userId },
      from: hit.from ? { id: hit.from, name: names.get(hit.from) ?? hit.from } : null,
      reason: reason ?? null,
    });
    return task!;
  });
  if (changed) return changed;
  throw await whyNotAssigned(db, taskId, mode, userId);
}

async function whyNotAssigned(db: Db, taskId: string, mode: AssignMode, userId: string): Promise<HttpProblem> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) return HttpProblem.notFound(things.task);
  if (task.status !== 'open') return HttpProblem.conflict(text('该事项已办结，不能再指派或转办', `The task is ${task.status}; it can no longer be assigned or reassigned`));
  const [person] = await db.select().from(users).where(eq(users.id, userId));
  if (!person || person.departmentId !== task.assigneeDepartmentId || !person.roles.includes(task.assigneeRole as never)) {
    return HttpProblem.unprocessable(
      'body.userId',
      text('此人不能承办该事项：须为承办部门中具有该事项所需角色的人员', 'this person cannot take the task: they must be of its department and hold its role'),
      'notAssignable',
    );
  }
  const holder = task.claimedBy ? ((await db.select({ name: users.displayName }).from(users).where(eq(users.id, task.claimedBy)))[0]?.name ?? task.claimedBy) : null;
  if (mode === 'assign' && holder) return HttpProblem.conflict(text(`该事项已由 ${holder} 承办；如需改由他人办理，请转办并写明理由`, `The task is already with ${holder}; reassign it, with reasons, to give it to someone else`));
  if (mode === 'reassign' && !holder) return HttpProblem.conflict(text('该事项尚无承办人，请直接指派', 'The task is with no one yet; assign it instead'));
  if (mode === 'reassign' && task.claimedBy === userId) return HttpProblem.conflict(text(`该事项已由 ${holder} 承办`, `The task is already with ${holder}`));
  return HttpProblem.conflict(text('该事项在此期间已被他人指派、认领或转办，请刷新后再操作', 'The task was assigned, claimed or reassigned meanwhile; look again before assigning it'));
}
