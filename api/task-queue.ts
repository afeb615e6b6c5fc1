import { and, asc, count, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { catalogueEntries, requests, tasks, users } from '../db/schema';
import type { AuthUser } from './plugins/auth';
import { isStorableInstant, isStrictDateTime } from './input/instants';
import { textProblem } from './input/text-rules';
import { HttpProblem } from './problem';
import { text } from './problem-text';
import { alias } from 'drizzle-orm/pg-core';
import { taskSearch, resolveSearch } from './search';
import type { TaskSort } from './schemas/list';

export interface TaskQuery {
  status?: 'open' | 'completed' | 'all';
  process?: string;
  rung?: string;
  overdue?: boolean;
  department?: string;
  dueBefore?: string;
  dueAfter?: string;
  scope?: 'mine' | 'level';
  /** Keyword search (api/search.ts). */
  q?: string;
  sort?: TaskSort;
  order?: 'asc' | 'desc';
  /** Rows to skip (page × limit); with `cursor` a 400. */
  offset?: number;
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
      caseNumber: requests.caseNumber,
      scenario: requests.scenario,
      entryNameZh: catalogueEntries.nameZh,
      entryNameEn: catalogueEntries.nameEn,
      claimedByName: users.displayName,
      completedByName: completer.displayName,
    })
    .from(tasks)
    .innerJoin(requests, eq(tasks.requestId, requests.id))
    .leftJoin(catalogueEntries, eq(catalogueEntries.id, requests.catalogueEntryId))
    .leftJoin(users, eq(users.id, tasks.claimedBy))
    .leftJoin(completer, eq(completer.id, tasks.completedBy))
    .$dynamic();
}

function sortColumns(sort: TaskSort): SQL[] {
  switch (sort) {
    case 'dueAt':
      return [sql`${tasks.dueAt}`];
    case 'receivedAt':
      return [sql`${requests.receivedAt}`];
    case 'caseNumber':
      // 受理编号 in their numeric order within a prefix (0001号 … 9999号, 10000号).
      return [sql`char_length(${requests.caseNumber})`, sql`${requests.caseNumber}`];
    case 'catalogueEntryId':
      return [sql`${requests.catalogueEntryId}`, sql`${tasks.dueAt}`];
    case 'createdAt':
      return [sql`${tasks.createdAt}`];
  }
}

/**
 * A page of the caller's queue (or, for an authority, of its level) with the total the filters find (`total`): due
 * soonest first and keyset-paginated (`cursor`) by default; with `sort`, `order` or `offset`, sorted by that column and
 * paged by offset.
 */
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
  const search = taskSearch(await resolveSearch(db, q.q));
  if (search) conditions.push(search);
  const byOffset = q.sort !== undefined || q.order !== undefined || q.offset !== undefined;
  if (q.cursor && byOffset) throw HttpProblem.badRequest('query.cursor', text('翻页标记只用于默认顺序（最早到期在前）；指定排序或偏移时请按偏移翻页', 'pages only the default order (due soonest first); with sort, order or offset, page by offset'));
  const filtered = and(...conditions);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conditions.push(or(gt(tasks.dueAt, c.dueAt), and(eq(tasks.dueAt, c.dueAt), gt(tasks.id, c.id)))!);
  }
  const limit = q.limit ?? 50;
  const direction = q.order === 'desc' ? desc : asc;
  const [rows, [counted]] = await Promise.all([
    selectTaskRows(db)
      .where(and(...conditions))
      .orderBy(...sortColumns(q.sort ?? 'dueAt').map((c) => direction(c)), direction(tasks.id))
      .offset(q.offset ?? 0)
      .limit(limit + 1),
    db.select({ total: count() }).from(tasks).innerJoin(requests, eq(tasks.requestId, requests.id)).where(filtered),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: !byOffset && rows.length > limit && last ? encodeCursor(last.task) : undefined, total: counted?.total ?? 0 };
}
