import { and, asc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requests, tasks, users } from '../db/schema';
import type { AuthUser } from './plugins/auth';
import { isStorableInstant, isStrictDateTime } from './input/instants';
import { textProblem } from './input/text-rules';
import { HttpProblem } from './problem';
import { text } from './problem-text';
import { alias } from 'drizzle-orm/pg-core';

export interface TaskQuery {
  status?: 'open' | 'completed' | 'all';
  process?: string;
  rung?: string;
  overdue?: boolean;
  department?: string;
  dueBefore?: string;
  dueAfter?: string;
  scope?: 'mine' | 'level';
  cursor?: string;
  limit?: number;
}

function decodeCursor(cursor: string): { dueAt: Date; id: string } {
  const [due, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const dueAt = new Date(due ?? '');
  if (!isStorableInstant(dueAt) || rest.length === 0 || !isStrictDateTime(due ?? '') || textProblem(rest.join('|'), false)) throw HttpProblem.badRequest('query.cursor', text('不是本系统给出的翻页标记', 'is not a cursor this API gave'));
  return { dueAt, id: rest.join('|') };
}

export function encodeCursor(row: { dueAt: Date; id: string }): string {
  return Buffer.from(`${row.dueAt.toISOString()}|${row.id}`).toString('base64url');
}

/** Who completed a task (承办人), beside who claimed it. */
const completer = alias(users, 'completer');

/** Tasks with what a task view shows of their case, and who claimed and who completed them, by name. */
export function selectTaskRows(db: Db) {
  return db
    .select({
      task: tasks,
      process: requests.process,
      pack: requests.pack,
      packHash: requests.packHash,
      jurisdiction: requests.jurisdiction,
      receivedAt: requests.receivedAt,
      requesterDepartmentId: requests.requesterDepartmentId,
      catalogueEntryId: requests.catalogueEntryId,
      claimedByName: users.displayName,
      completedByName: completer.displayName,
    })
    .from(tasks)
    .innerJoin(requests, eq(tasks.requestId, requests.id))
    .leftJoin(users, eq(users.id, tasks.claimedBy))
    .leftJoin(completer, eq(completer.id, tasks.completedBy))
    .$dynamic();
}

/** A page of the caller's queue (or, for an authority, of its level), due soonest first, keyset-paginated. */
export async function queryTasks(db: Db, user: AuthUser, q: TaskQuery) {
  const conditions: SQL[] = [];
  if ((q.scope ?? 'mine') === 'level') {
    if (user.department.kind !== 'authority') throw HttpProblem.forbidden(text('只有政务数据主管部门可以查看本级的全部待办', 'Only the competent authority sees the tasks of its level'));
    // Its level's cases, and its own hops in another level's (the relay of a cross-level request, draft art. 21).
    conditions.push(or(eq(requests.authorityDepartmentId, user.departmentId), eq(tasks.assigneeDepartmentId, user.departmentId))!);
    if (q.department) conditions.push(eq(tasks.assigneeDepartmentId, q.department));
  } else {
    conditions.push(eq(tasks.assigneeDepartmentId, user.departmentId), inArray(tasks.assigneeRole, user.roles));
  }
  const status = q.status ?? 'open';
  if (status !== 'all') conditions.push(eq(tasks.status, status));
  if (q.process) conditions.push(eq(requests.process, q.process as 'share-request'));
  if (q.rung) conditions.push(eq(tasks.rung, q.rung));
  if (q.overdue !== undefined) conditions.push(eq(tasks.overdue, q.overdue));
  if (q.dueBefore) conditions.push(lt(tasks.dueAt, new Date(q.dueBefore)));
  if (q.dueAfter) conditions.push(gt(tasks.dueAt, new Date(q.dueAfter)));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conditions.push(or(gt(tasks.dueAt, c.dueAt), and(eq(tasks.dueAt, c.dueAt), gt(tasks.id, c.id)))!);
  }
  const limit = q.limit ?? 50;
  const rows = await selectTaskRows(db)
    .where(and(...conditions))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.task) : undefined };
}
