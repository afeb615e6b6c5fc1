import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { apiEventKey, appendAudit } from '../db/audit';
import type { Db } from '../db/client';
import { departments, tasks } from '../db/schema';
import { hasWrittenText } from '../rules/written-text';
import type { AuthUser } from './plugins/auth';
import { HttpProblem } from './problem';
import { roleZh, text, things } from './problem-text';

/** Claiming shows others who is on a task; releasing hands it back to the department's queue. */
export type ClaimAction = 'claim' | 'release';

/**
 * Claims or releases a task in one guarded statement: the `UPDATE … WHERE` itself says the task is open, of the
 * caller's department and role, and unclaimed (claim) or claimed by the caller (release). Checking first and writing
 * after would let two claims both pass the check, or a release land on a task completed in between. The audit row is
 * written in the same transaction. When nothing was changed, the task is read once more only to say why.
 *
 * Thrown when nothing changed: 404 (not the caller's department's task), 403 (not the caller's role), 409 (the task
 * is closed, or claimed by someone else, or — for a release — not claimed by the caller).
 */
export async function claimOrRelease(db: Db, user: AuthUser, taskId: string, action: ClaimAction): Promise<typeof tasks.$inferSelect> {
  const at = new Date();
  const mine = and(
    eq(tasks.id, taskId),
    eq(tasks.status, 'open'),
    eq(tasks.assigneeDepartmentId, user.departmentId),
    inArray(tasks.assigneeRole, user.roles.length ? user.roles : ['']),
  );
  const changed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(tasks)
      .set(action === 'claim' ? { claimedBy: user.id, claimedAt: at } : { claimedBy: null, claimedAt: null })
      .where(action === 'claim' ? and(mine, or(isNull(tasks.claimedBy), eq(tasks.claimedBy, user.id))) : and(mine, eq(tasks.claimedBy, user.id)))
      .returning();
    if (row) {
      await appendAudit(tx, {
        eventKey: apiEventKey(`task.${action}`, `${row.id}:${user.id}`),
        at,
        action: action === 'claim' ? 'task.claimed' : 'task.released',
        actorUserId: user.id,
        actorDepartmentId: user.departmentId,
        requestId: row.requestId,
        taskId: row.id,
      });
    }
    return row;
  });
  if (changed) return changed;
  throw await whyUnchanged(db, user, taskId, action);
}

async function whyUnchanged(db: Db, user: AuthUser, taskId: string, action: ClaimAction): Promise<HttpProblem> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  // A task of another department does not exist as far as the caller can tell.
  if (!task || task.assigneeDepartmentId !== user.departmentId) return HttpProblem.notFound(things.task);
  if (!user.roles.includes(task.assigneeRole as never)) return HttpProblem.forbidden(text(`只有${roleZh(task.assigneeRole)}可以${action === 'claim' ? '认领' : '释放'}该事项`, `Only ${task.assigneeRole} may ${action} this task`));
  if (task.status !== 'open') return HttpProblem.conflict(text('该事项已不在办理中，不能再认领或释放', `The task is ${task.status}; it can no longer be claimed or released`));
  return HttpProblem.conflict(
    action === 'claim'
      ? text(`该事项已由 ${task.claimedBy ?? '他人'} 认领`, `The task is claimed by ${task.claimedBy ?? 'someone else'}`)
      : text('只有认领该事项的人可以释放', 'Only the user who claimed the task may release it'),
  );
}

/**
 * Releases someone else's claim on a task: a claim of a user who has left, or is away, would otherwise block the task
 * for good (only the claimant may release). The supervisor of the task's competent authority — the authority of the
 * assignee's level (`departments.authorityId`), or the assignee itself when it is an authority — may do it, and an
 * admin; never without written reasons. One guarded statement: the task must still be open and claimed by the same
 * user read a moment before, so a claim taken or released meanwhile is not overridden blind. Audited as
 * `task.claim-overridden` with who released it, whose claim it was, and why.
 *
 * Thrown: 404 (no such task), 403 (not that authority's supervisor nor an admin), 400 (no written reasons), 409 (the
 * task is closed, not claimed, or its claim changed meanwhile).
 */
export async function overrideClaim(db: Db, user: AuthUser, taskId: string, reason: string): Promise<typeof tasks.$inferSelect> {
  const [found] = await db
    .select({ task: tasks, authorityId: departments.authorityId, kind: departments.kind })
    .from(tasks)
    .innerJoin(departments, eq(departments.id, tasks.assigneeDepartmentId))
    .where(eq(tasks.id, taskId));
  if (!found) throw HttpProblem.notFound(things.task);
  const authority = found.authorityId ?? found.task.assigneeDepartmentId;
  const admin = user.roles.includes('admin');
  // Outside the task's authority (and its department) the task does not exist as far as the caller can tell.
  if (!admin && user.departmentId !== authority && user.departmentId !== found.task.assigneeDepartmentId) throw HttpProblem.notFound(things.task);
  const supervises = user.roles.includes('authority-supervisor') && user.departmentId === authority;
  if (!supervises && !admin) {
    throw HttpProblem.forbidden(
      text(`只有 ${authority} 的负责人或系统管理员可以释放他人对该事项的认领`, `Only the supervisor of ${authority}, or an admin, may release another user's claim on this task`),
    );
  }
  if (!hasWrittenText(reason)) throw HttpProblem.badRequest('body.reason', text('须写明释放认领的理由', 'must say why the claim is released (written reasons)'), 'reasonRequired');
  const { task } = found;
  if (task.status !== 'open') throw HttpProblem.conflict(text('该事项已不在办理中，不能再认领或释放', `The task is ${task.status}; it can no longer be claimed or released`));
  if (!task.claimedBy) throw HttpProblem.conflict(text('该事项未被认领', 'The task is not claimed'));
  const at = new Date();
  const changed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(tasks)
      .set({ claimedBy: null, claimedAt: null })
      .where(and(eq(tasks.id, taskId), eq(tasks.status, 'open'), eq(tasks.claimedBy, task.claimedBy!)))
      .returning();
    if (row) {
      await appendAudit(tx, {
        eventKey: apiEventKey('task.claim-overridden', row.id),
        at,
        action: 'task.claim-overridden',
        actorUserId: user.id,
        actorDepartmentId: user.departmentId,
        requestId: row.requestId,
        taskId: row.id,
        details: { claimedBy: task.claimedBy, claimedAt: task.claimedAt?.toISOString() ?? null, reason },
      });
    }
    return row;
  });
  if (!changed) throw HttpProblem.conflict(text('该事项在此期间已办结、被释放或被再次认领，请刷新后再操作', 'The task was completed, released or claimed again meanwhile; look again before releasing it'));
  return changed;
}
