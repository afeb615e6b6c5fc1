import { and, desc, eq, exists, gt, lt, not, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requests, tasks, type Process } from '../db/schema';
import type { AuthUser } from './plugins/auth';
import { isStrictDateTime } from './input/instants';
import { HttpProblem } from './problem';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { visibleRequests } from './visibility';
import { text } from './problem-text';

export interface CaseQuery {
  status?: string;
  department?: string;
  overdue?: boolean;
  dueBefore?: string;
  dueAfter?: string;
  cursor?: string;
  limit?: number;
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!isStrictDateTime(at ?? '') || !id || !uuid.test(id)) throw HttpProblem.badRequest('query.cursor', text('不是本系统给出的翻页标记', 'is not a cursor this API gave'));
  return { createdAt, id };
}

/** Postgres keeps microseconds, a cursor milliseconds: compare and order on the same precision. */
const createdMs = sql`date_trunc('milliseconds', ${requests.createdAt})`;

/** A page of the cases of one process the caller may see, newest first, keyset-paginated. */
export async function queryCases(db: Db, user: AuthUser, process: Process, q: CaseQuery) {
  const conditions: SQL[] = [eq(requests.process, process), visibleRequests(user)];
  if (q.status) conditions.push(eq(requests.status, q.status));
  if (q.department) conditions.push(or(eq(requests.requesterDepartmentId, q.department), eq(requests.providerDepartmentId, q.department))!);
  const openTask = (extra: SQL) =>
    exists(db.select({ one: tasks.id }).from(tasks).where(and(eq(tasks.requestId, requests.id), eq(tasks.status, 'open'), extra)));
  if (q.overdue !== undefined) {
    const overdue = openTask(eq(tasks.overdue, true));
    conditions.push(q.overdue ? overdue : not(overdue));
  }
  if (q.dueBefore) conditions.push(openTask(lt(tasks.dueAt, new Date(q.dueBefore))));
  if (q.dueAfter) conditions.push(openTask(gt(tasks.dueAt, new Date(q.dueAfter))));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const at = sql`${c.createdAt.toISOString()}::timestamptz`;
    conditions.push(or(lt(createdMs, at), and(eq(createdMs, at), lt(requests.id, c.id)))!);
  }
  const limit = q.limit ?? 50;
  const rows = await db
    .select()
    .from(requests)
    .where(and(...conditions))
    .orderBy(desc(createdMs), desc(requests.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : undefined;
  return { page, nextCursor };
}
