import { and, asc, count, desc, eq, exists, gt, lt, not, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { catalogueEntries, requests, tasks, type Process } from '../db/schema';
import type { AuthUser } from './plugins/auth';
import { isStrictDateTime } from './input/instants';
import { HttpProblem } from './problem';
import { caseSearch, resolveSearch } from './search';
import type { CaseSort } from './schemas/list';
import { visibleRequests } from './visibility';
import { text } from './problem-text';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CaseQuery {
  status?: string;
  department?: string;
  overdue?: boolean;
  dueBefore?: string;
  dueAfter?: string;
  /** Keyword search (api/search.ts). */
  q?: string;
  sort?: CaseSort;
  order?: 'asc' | 'desc';
  /** Rows to skip (page × limit); with `cursor` a 400. */
  offset?: number;
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

/** 受理编号 in their numeric order within a prefix (0001号 … 9999号, 10000号). */
const numberOrder = [sql`char_length(${requests.caseNumber})`, sql`${requests.caseNumber}`];

function sortColumns(sort: CaseSort): SQL[] {
  switch (sort) {
    case 'receivedAt':
      return [sql`${requests.receivedAt}`];
    case 'caseNumber':
      return numberOrder;
    case 'status':
      return [sql`${requests.status}`, sql`${requests.receivedAt}`];
    case 'catalogueEntryId':
      return [sql`${requests.catalogueEntryId}`, sql`${requests.receivedAt}`];
    case 'createdAt':
      return [createdMs];
  }
}

/**
 * A page of the cases of one process the caller may see, with the total the filters find (`total`). Newest first and
 * keyset-paginated (`cursor`) by default; with `sort`, `order` or `offset`, sorted by that column and paged by offset.
 */
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
  const search = caseSearch(await resolveSearch(db, q.q));
  if (search) conditions.push(search);
  const byOffset = q.sort !== undefined || q.order !== undefined || q.offset !== undefined;
  if (q.cursor && byOffset) throw HttpProblem.badRequest('query.cursor', text('翻页标记只用于默认顺序（最新在前）；指定排序或偏移时请按偏移翻页', 'pages only the default order (newest first); with sort, order or offset, page by offset'));
  const filtered = and(...conditions);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const at = sql`${c.createdAt.toISOString()}::timestamptz`;
    conditions.push(or(lt(createdMs, at), and(eq(createdMs, at), lt(requests.id, c.id)))!);
  }
  const limit = q.limit ?? 50;
  const direction = q.order === 'asc' ? asc : desc;
  const orderBy = [...sortColumns(q.sort ?? 'createdAt').map((c) => direction(c)), direction(requests.id)];
  const [rows, [counted]] = await Promise.all([
    db
      .select({ request: requests, entryNameZh: catalogueEntries.nameZh, entryNameEn: catalogueEntries.nameEn })
      .from(requests)
      .leftJoin(catalogueEntries, eq(catalogueEntries.id, requests.catalogueEntryId))
      .where(and(...conditions))
      .orderBy(...orderBy)
      .offset(q.offset ?? 0)
      .limit(limit + 1),
    db.select({ total: count() }).from(requests).where(filtered),
  ]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]?.request;
  const nextCursor = !byOffset && rows.length > limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : undefined;
  return { page, nextCursor, total: counted?.total ?? 0 };
}
