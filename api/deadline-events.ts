import { and, asc, eq, gt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { catalogueEntries, requests, tasks } from '../db/schema';
import { processWords } from '../rules/vocabulary';
import type { DeadlineEvent } from './ical';
import { staysOpen } from './views';

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The last day of a period that ends at `dueAt` (24:00 of that day, Asia/Shanghai, stored as 00:00 of the next):
 * the calendar day, in Shanghai, of the instant just before it.
 */
export function lastDayOf(dueAt: Date): string {
  return new Date(dueAt.getTime() - 1 + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 of `day` (YYYY-MM-DD) in Asia/Shanghai, as an instant. */
function shanghaiMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** A deadline of the caller's department: an open task, with what a calendar shows of its case. */
export interface DeadlineRow {
  task: typeof tasks.$inferSelect;
  process: string;
  jurisdiction: string;
  scenario: string | null;
  catalogueEntryId: string | null;
  /** 受理编号, e.g. 冀数共申〔2026〕0001号 (every case has one; the column is filled by a trigger). */
  caseNumber: string | null;
  entryNameZh: string | null;
  entryNameEn: string | null;
}

/**
 * The deadlines that concern a department: its open tasks, soonest first; with `lastDays`, only those whose last day
 * falls in that range of days (inclusive). What a person of the department may open (a task assigned to the
 * department makes its case visible to it, api/visibility.ts) and nothing else.
 */
export async function departmentDeadlines(db: Db, departmentId: string, lastDays?: { from: string; to: string }): Promise<DeadlineRow[]> {
  const conditions: SQL[] = [eq(tasks.assigneeDepartmentId, departmentId), eq(tasks.status, 'open')];
  if (lastDays) {
    // The last day is in [from, to] exactly when 24:00 of it, the stored instant, is in (00:00 of from, 24:00 of to].
    conditions.push(gt(tasks.dueAt, shanghaiMidnight(lastDays.from)), lte(tasks.dueAt, new Date(shanghaiMidnight(lastDays.to).getTime() + 86_400_000)));
  }
  return db
    .select({
      task: tasks,
      process: requests.process,
      jurisdiction: requests.jurisdiction,
      scenario: requests.scenario,
      catalogueEntryId: requests.catalogueEntryId,
      caseNumber: requests.caseNumber,
      entryNameZh: catalogueEntries.nameZh,
      entryNameEn: catalogueEntries.nameEn,
    })
    .from(tasks)
    .innerJoin(requests, eq(tasks.requestId, requests.id))
    .leftJoin(catalogueEntries, eq(catalogueEntries.id, requests.catalogueEntryId))
    .where(and(...conditions))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(2000);
}

/** The case in a few words: 冀数共申〔2026〕0001号 共享申请（公共交通卡数据 HB-JTYST-0001）. */
export function caseWords(row: Pick<DeadlineRow, 'process' | 'catalogueEntryId' | 'entryNameZh' | 'task' | 'caseNumber'>): string {
  const process = processWords[row.process]?.zh ?? row.process;
  const entry = row.catalogueEntryId ? `${row.entryNameZh ?? ''} ${row.catalogueEntryId}`.trim() : `案件 ${row.task.requestId.slice(0, 8)}`;
  return `${row.caseNumber ? `${row.caseNumber} ` : ''}${process}（${entry}）`;
}

/** The case in a few words, in English: Share request (Public transport card data, HB-JTYST-0001). */
export function caseWordsEn(row: Pick<DeadlineRow, 'process' | 'catalogueEntryId' | 'entryNameEn' | 'task' | 'caseNumber'>): string {
  const process = processWords[row.process]?.en ?? row.process;
  const entry = row.catalogueEntryId ? [row.entryNameEn, row.catalogueEntryId].filter(Boolean).join(', ') : `case ${row.task.requestId.slice(0, 8)}`;
  return `${row.caseNumber ? `${row.caseNumber} ` : ''}${process} (${entry})`;
}

/** The task's UID in a calendar: the same for the life of the task, whatever its deadline becomes. */
export function taskUid(taskId: string): string {
  return `${taskId.replace(/[^A-Za-z0-9._-]/g, '-')}@gds`;
}

/**
 * A deadline as a calendar event: on its last day, the case and step in Chinese in the summary, and how the date was
 * computed in the description. `origin` (e.g. `https://gds.example.gov.cn`) makes the task's link absolute.
 */
export function deadlineEvent(row: DeadlineRow, origin?: string): DeadlineEvent {
  const t = row.task;
  const d = t.deadline as { n?: number; unit?: string; rule?: string; provisional?: boolean; startDate?: string };
  const citation = t.citation as { article?: string } | null;
  const lastDay = lastDayOf(t.dueAt);
  const what = `${caseWords(row)} · ${t.titleZh}`;
  const url = origin ? `${origin}/tasks/${encodeURIComponent(t.id)}` : undefined;
  const lines: string[] = [];
  if (staysOpen(t)) {
    // A party's option: the date is when it is reminded, not a time limit; the option stays open after it.
    lines.push(`建议期限：${lastDay} 24:00（本地政策，提醒时点；期限届满后仍可选择）`, t.option!.zh);
  } else {
    const period = d.n !== undefined ? `（${d.n} ${d.unit === 'days' ? '日' : '个工作日'}${d.startDate ? `，自 ${d.startDate} 起算` : ''}）` : '';
    lines.push(`办结期限：${lastDay} 24:00${period}`);
  }
  if (t.trigger) lines.push(`起算：${t.trigger.zh}`);
  if (citation?.article) lines.push(`依据：${citation.article}`);
  if (d.rule) lines.push(d.rule);
  if (d.provisional) lines.push('暂定：该年度放假安排尚未公布，日期可能变动。');
  if (row.scenario) lines.push(`应用场景：${row.scenario}`);
  if (url) lines.push(url);
  return {
    uid: taskUid(t.id),
    lastDay,
    summary: staysOpen(t) ? `【建议期限】${what}` : `【办结期限】${what}`,
    description: lines.join('\n'),
    url,
    tentative: Boolean(d.provisional),
    categories: [processWords[row.process]?.zh ?? row.process],
  };
}
