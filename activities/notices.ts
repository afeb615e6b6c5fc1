import { and, desc, eq, inArray, isNotNull, notLike } from 'drizzle-orm';
import { formatPeriodEnd } from '../calendar';
import type { Db } from '../db/client';
import { catalogueEntries, departmentWebhooks, departments, notifications, requests, tasks } from '../db/schema';
import type { Bilingual } from '../rules';
import { closingStatusWord, decisionWord, processWord } from '../rules/vocabulary';

/** A transaction of the read model's writes: a notice is written in the one that records what it announces. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What a write told whom: the notices' ids (the same on every attempt) and whether anyone listens by webhook. */
export interface NoticesWritten {
  notificationIds: string[];
  /** How many of the recipient departments have an active webhook: the workflow schedules a delivery only then. */
  webhooks: number;
}

export const noNotices: NoticesWritten = { notificationIds: [], webhooks: 0 };

/** The kinds of hand-off notice (an escalation's notice is `escalation.<rung>`). */
export const noticeKinds = {
  /** A task for the recipient: what led to it and when it is due. */
  taskAssigned: 'task.assigned',
  /** A decision on a case the recipient is party to, and the step that follows it. */
  caseDecided: 'case.decided',
  /** The decision that ended a case the recipient is party to, and how it ended. */
  caseClosed: 'case.closed',
  extensionGranted: 'extension.granted',
  extensionRefused: 'extension.refused',
} as const;
type NoticeKind = (typeof noticeKinds)[keyof typeof noticeKinds];

interface Body {
  id: string;
  nameZh: string;
  nameEn: string;
}

/** The case a notice is about, as people name it: the process and the catalogue entry by name. */
interface CaseSubject {
  requestId: string;
  process: string;
  requester: Body;
  provider: Body | null;
  catalogueEntryId: string | null;
  entryNameZh: string | null;
  entryNameEn: string | null;
  receivedAt: Date;
  zh: string;
  en: string;
}

/** Something done on the case that the notice announces. */
interface Act {
  kind: 'submitted' | 'decided' | 'lapsed' | 'extension-requested' | 'reported';
  at: Date;
  by: Body | null;
  step?: { id: string; titleZh: string; titleEn: string };
  decision?: string;
  reason?: string | null;
  extension?: { n: number; unit: string };
}

/** The step whose deadline the notice gives: a new task, the next one, or one whose deadline moved or stays. */
interface Due {
  taskId: string;
  titleZh: string;
  titleEn: string;
  assignee: Body;
  dueAt: string;
  previousDueAt?: string;
}

interface Recipient {
  departmentId: string;
  role: string;
}

interface Notice {
  /** Deterministic: the same event told to the same recipient is the same row, however often it is written. */
  id: string;
  to: Recipient;
  kind: NoticeKind;
  taskId: string | null;
  at: Date;
  subject: CaseSubject;
  act: Act;
  due?: Due;
  outcome?: { status: string; reasonZh?: string; reasonEn?: string };
}

type TaskRow = typeof tasks.$inferSelect;

async function bodies(tx: Tx, ids: (string | null | undefined)[]): Promise<Map<string, Body>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments).where(inArray(departments.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

async function caseSubject(tx: Tx, requestId: string): Promise<CaseSubject | undefined> {
  const [row] = await tx
    .select({ r: requests, entryNameZh: catalogueEntries.nameZh, entryNameEn: catalogueEntries.nameEn })
    .from(requests)
    .leftJoin(catalogueEntries, eq(catalogueEntries.id, requests.catalogueEntryId))
    .where(eq(requests.id, requestId));
  if (!row) return undefined;
  const names = await bodies(tx, [row.r.requesterDepartmentId, row.r.providerDepartmentId]);
  const requester = names.get(row.r.requesterDepartmentId);
  if (!requester) return undefined;
  const process = processWord(row.r.process);
  return {
    requestId,
    process: row.r.process,
    requester,
    provider: (row.r.providerDepartmentId && names.get(row.r.providerDepartmentId)) || null,
    catalogueEntryId: row.r.catalogueEntryId,
    entryNameZh: row.entryNameZh,
    entryNameEn: row.entryNameEn,
    receivedAt: row.r.receivedAt,
    zh: row.entryNameZh ? `${process.zh}《${row.entryNameZh}》` : process.zh,
    en: row.entryNameEn ? `${process.en} “${row.entryNameEn}”` : process.en,
  };
}

/**
 * The bodies a decision on the case concerns: the requesting department (its case) and the providing department (its
 * data). A notice goes to no one else: a department hears only of cases it is party to.
 */
function parties(subject: CaseSubject): Recipient[] {
  const out: Recipient[] = [{ departmentId: subject.requester.id, role: 'requester' }];
  if (subject.provider && subject.provider.id !== subject.requester.id) out.push({ departmentId: subject.provider.id, role: 'provider' });
  return out;
}

const isSideStep = (step: string) => step.endsWith('.extension') || step.endsWith('.government-order');
const baseStep = (step: string) => step.replace(/\.(extension|government-order)$/, '');

/** The latest decision on the case's own steps (not an extension decision, not the government's order). */
async function lastDecision(tx: Tx, requestId: string): Promise<TaskRow | undefined> {
  const [row] = await tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.requestId, requestId),
        eq(tasks.status, 'completed'),
        isNotNull(tasks.completedAt),
        notLike(tasks.step, '%.extension'),
        notLike(tasks.step, '%.government-order'),
      ),
    )
    .orderBy(desc(tasks.completedAt))
    .limit(1);
  return row;
}

/** The latest task of a step of the case (the one an extension or a government order concerns). */
async function latestOfStep(tx: Tx, requestId: string, step: string): Promise<TaskRow | undefined> {
  const [row] = await tx.select().from(tasks).where(and(eq(tasks.requestId, requestId), eq(tasks.step, step))).orderBy(desc(tasks.createdAt)).limit(1);
  return row;
}

/** A completed task as the act that decided it: by its department, or the period running out for a party's option. */
async function actOf(tx: Tx, task: TaskRow): Promise<Act> {
  const by = (await bodies(tx, [task.assigneeDepartmentId])).get(task.assigneeDepartmentId) ?? null;
  const lapsed = task.completedBy === null;
  return {
    kind: lapsed ? 'lapsed' : 'decided',
    at: task.completedAt!,
    by: lapsed ? null : by,
    step: { id: task.step, titleZh: task.titleZh, titleEn: task.titleEn },
    decision: task.decision ?? undefined,
    reason: lapsed ? null : task.reason,
  };
}

const when = (at: Date | string) => formatPeriodEnd(typeof at === 'string' ? new Date(at).toISOString() : at.toISOString());

function actText(act: Act, subject: CaseSubject): Bilingual {
  const at = when(act.at);
  const step = act.step ?? { titleZh: '', titleEn: '' };
  const decision = act.decision ? decisionWord(act.decision, act.step?.id) : { zh: '', en: '' };
  const reasonZh = act.reason ? `，理由：${act.reason}` : '';
  const reasonEn = act.reason ? ` (reasons: ${act.reason})` : '';
  switch (act.kind) {
    case 'submitted':
      return { zh: `${act.by?.nameZh ?? ''}于 ${at} 提交${subject.zh}。`, en: `${subject.en}: submitted by ${act.by?.nameEn ?? ''} on ${at}.` };
    case 'decided':
      return {
        zh: `${act.by?.nameZh ?? ''}于 ${at} 就“${step.titleZh}”作出决定：${decision.zh}${reasonZh}。`,
        en: `On ${at} ${act.by?.nameEn ?? ''} decided on “${step.titleEn}”: ${decision.en}${reasonEn}.`,
      };
    case 'lapsed':
      return {
        zh: `“${step.titleZh}”的期限已于 ${at} 届满，视为${decision.zh}。`,
        en: `The period for “${step.titleEn}” ran out on ${at}: taken as “${decision.en}”.`,
      };
    case 'extension-requested': {
      const unit = act.extension?.unit === 'days' ? { zh: '日', en: 'days' } : { zh: '个工作日', en: 'working days' };
      return {
        zh: `${act.by?.nameZh ?? ''}于 ${at} 申请将“${step.titleZh}”延长 ${act.extension?.n ?? ''} ${unit.zh}${reasonZh}。`,
        en: `On ${at} ${act.by?.nameEn ?? ''} asked to extend “${step.titleEn}” by ${act.extension?.n ?? ''} ${unit.en}${reasonEn}.`,
      };
    }
    case 'reported':
      return {
        zh: `“${step.titleZh}”（${act.by?.nameZh ?? ''}）逾期未整改，已于 ${at} 报告本级人民政府。`,
        en: `“${step.titleEn}” (${act.by?.nameEn ?? ''}) was not rectified in time and was reported to the people’s government on ${at}.`,
      };
  }
}

function dueText(notice: Notice): Bilingual {
  const { due, kind, outcome } = notice;
  if (kind === noticeKinds.caseClosed) {
    const status = closingStatusWord(outcome?.status ?? 'closed');
    const zhWhy = outcome?.reasonZh ? `${outcome.reasonZh}` : '';
    const enWhy = outcome?.reasonEn ? ` ${outcome.reasonEn}` : '';
    return { zh: `${zhWhy}案件已办结：${status.zh}。`, en: `${enWhy.trim() ? `${enWhy.trim()} ` : ''}The case is closed: ${status.en}.` };
  }
  if (!due) return { zh: '', en: '' };
  const dueAt = when(due.dueAt);
  switch (kind) {
    case noticeKinds.taskAssigned:
      return {
        zh: `新待办“${due.titleZh}”由${due.assignee.nameZh}办理，办理期限至 ${dueAt}（北京时间）。`,
        en: `New task “${due.titleEn}” for ${due.assignee.nameEn}, due ${dueAt} (Beijing time).`,
      };
    case noticeKinds.extensionGranted:
      return {
        zh: `“${due.titleZh}”（${due.assignee.nameZh}）的办理期限由 ${when(due.previousDueAt ?? due.dueAt)} 延至 ${dueAt}（北京时间）。`,
        en: `“${due.titleEn}” (${due.assignee.nameEn}) is now due ${dueAt} instead of ${when(due.previousDueAt ?? due.dueAt)} (Beijing time).`,
      };
    case noticeKinds.extensionRefused:
      return {
        zh: `“${due.titleZh}”（${due.assignee.nameZh}）的办理期限不变，至 ${dueAt}（北京时间）。`,
        en: `“${due.titleEn}” (${due.assignee.nameEn}) stays due ${dueAt} (Beijing time).`,
      };
    default:
      return {
        zh: `下一步“${due.titleZh}”由${due.assignee.nameZh}办理，办理期限至 ${dueAt}（北京时间）。`,
        en: `Next: “${due.titleEn}” by ${due.assignee.nameEn}, due ${dueAt} (Beijing time).`,
      };
  }
}

function titleOf(notice: Notice): Bilingual {
  const { subject, act, due, kind } = notice;
  const decision = act.decision ? decisionWord(act.decision, act.step?.id) : { zh: '', en: '' };
  switch (kind) {
    case noticeKinds.taskAssigned:
      return { zh: `新待办：${due!.titleZh}（${subject.zh}）`, en: `New task: ${due!.titleEn} (${subject.en})` };
    case noticeKinds.extensionGranted:
      return { zh: `同意延期：${due!.titleZh}（${subject.zh}）`, en: `Extension granted: ${due!.titleEn} (${subject.en})` };
    case noticeKinds.extensionRefused:
      return { zh: `不同意延期：${due!.titleZh}（${subject.zh}）`, en: `Extension refused: ${due!.titleEn} (${subject.en})` };
    case noticeKinds.caseClosed:
      if (!act.step) {
        const status = closingStatusWord(notice.outcome?.status ?? 'closed');
        return { zh: `案件已办结（${status.zh}）：${subject.zh}`, en: `Case closed (${status.en}): ${subject.en}` };
      }
      return { zh: `${act.step.titleZh}：${decision.zh}，案件已办结（${subject.zh}）`, en: `${act.step.titleEn}: ${decision.en}, case closed (${subject.en})` };
    default:
      return { zh: `${act.step!.titleZh}：${decision.zh}（${subject.zh}）`, en: `${act.step!.titleEn}: ${decision.en} (${subject.en})` };
  }
}

/** The row of a notice: titles and a text complete in each language, and every fact for the inbox and the webhook. */
function rowOf(notice: Notice): typeof notifications.$inferInsert {
  const { subject, act, due } = notice;
  const title = titleOf(notice);
  const first = actText(act, subject);
  const then = dueText(notice);
  const decision = act.decision ? decisionWord(act.decision, act.step?.id) : undefined;
  return {
    id: notice.id,
    recipientDepartmentId: notice.to.departmentId,
    recipientRole: notice.to.role,
    kind: notice.kind,
    titleZh: title.zh,
    titleEn: title.en,
    requestId: subject.requestId,
    taskId: notice.taskId,
    details: {
      process: subject.process,
      catalogueEntryId: subject.catalogueEntryId,
      entryNameZh: subject.entryNameZh,
      entryNameEn: subject.entryNameEn,
      act: {
        kind: act.kind,
        at: act.at.toISOString(),
        ...(act.by ? { departmentId: act.by.id, departmentNameZh: act.by.nameZh, departmentNameEn: act.by.nameEn } : {}),
        ...(act.step ? { step: act.step.id, stepTitleZh: act.step.titleZh, stepTitleEn: act.step.titleEn } : {}),
        ...(act.decision ? { decision: act.decision, decisionZh: decision!.zh, decisionEn: decision!.en } : {}),
        ...(act.reason ? { reason: act.reason } : {}),
        ...(act.extension ? { extension: act.extension } : {}),
      },
      // The step now due, under the names an escalation's notice uses for it.
      ...(due
        ? {
            taskId: due.taskId,
            stepTitleZh: due.titleZh,
            stepTitleEn: due.titleEn,
            dueAt: new Date(due.dueAt).toISOString(),
            responsibleDepartmentId: due.assignee.id,
            responsibleNameZh: due.assignee.nameZh,
            responsibleNameEn: due.assignee.nameEn,
            ...(due.previousDueAt ? { previousDueAt: new Date(due.previousDueAt).toISOString() } : {}),
          }
        : {}),
      ...(notice.outcome ? { outcome: notice.outcome.status, outcomeZh: closingStatusWord(notice.outcome.status).zh, outcomeEn: closingStatusWord(notice.outcome.status).en } : {}),
      textZh: `${first.zh}${then.zh}`,
      textEn: `${first.en} ${then.en}`.trim(),
    },
    createdAt: notice.at,
  };
}

/** Writes the notices (once each, by id) and says who listens by webhook. */
async function write(tx: Tx, notices: Notice[]): Promise<NoticesWritten> {
  if (notices.length === 0) return noNotices;
  await tx.insert(notifications).values(notices.map(rowOf)).onConflictDoNothing({ target: notifications.id });
  const listening = await tx
    .selectDistinct({ departmentId: departmentWebhooks.departmentId })
    .from(departmentWebhooks)
    .where(and(inArray(departmentWebhooks.departmentId, [...new Set(notices.map((n) => n.to.departmentId))]), eq(departmentWebhooks.active, true)));
  return { notificationIds: notices.map((n) => n.id), webhooks: listening.length };
}

const notActing = (actor: string | undefined) => (r: Recipient) => r.departmentId !== actor;

export interface OpenedTask {
  taskId: string;
  requestId: string;
  step: string;
  titleZh: string;
  titleEn: string;
  assigneeDepartmentId: string;
  assigneeRole: string;
  dueAt: string;
  createdAt: string;
  extensionRequest?: { taskId: string; n: number; unit: string; reason: string; requestedBy: string; requestedAt: string };
}

/**
 * A task was opened: its department is told at once what led to it and when it is due; after a decision, the other
 * party is told of the decision and of the step that follows (never the department that took it). The first task of a
 * case goes to its department alone.
 */
export async function noticesOfOpenedTask(tx: Tx, task: OpenedTask): Promise<NoticesWritten> {
  const subject = await caseSubject(tx, task.requestId);
  if (!subject) return noNotices;
  const names = await bodies(tx, [task.assigneeDepartmentId]);
  const assignee = names.get(task.assigneeDepartmentId);
  if (!assignee) return noNotices;
  const due: Due = { taskId: task.taskId, titleZh: task.titleZh, titleEn: task.titleEn, assignee, dueAt: task.dueAt };
  const at = new Date(task.createdAt);
  const toAssignee = (act: Act): Notice => ({
    id: `${task.taskId}/assigned/${task.assigneeDepartmentId}/${task.assigneeRole}`,
    to: { departmentId: task.assigneeDepartmentId, role: task.assigneeRole },
    kind: noticeKinds.taskAssigned,
    taskId: task.taskId,
    at,
    subject,
    act,
    due,
  });

  if (task.step.endsWith('.extension')) {
    // The authority decides an extension request: who asked, for how long, why.
    const extended = task.extensionRequest ? (await tx.select().from(tasks).where(eq(tasks.id, task.extensionRequest.taskId)))[0] : await latestOfStep(tx, task.requestId, baseStep(task.step));
    const by = extended ? ((await bodies(tx, [extended.assigneeDepartmentId])).get(extended.assigneeDepartmentId) ?? null) : null;
    return write(tx, [
      toAssignee({
        kind: 'extension-requested',
        at: task.extensionRequest ? new Date(task.extensionRequest.requestedAt) : at,
        by,
        ...(extended ? { step: { id: extended.step, titleZh: extended.titleZh, titleEn: extended.titleEn } } : {}),
        reason: task.extensionRequest?.reason ?? null,
        ...(task.extensionRequest ? { extension: { n: task.extensionRequest.n, unit: task.extensionRequest.unit } } : {}),
      }),
    ]);
  }
  if (task.step.endsWith('.government-order')) {
    // The people's government orders correction of a step reported to it.
    const reported = await latestOfStep(tx, task.requestId, baseStep(task.step));
    const by = reported ? ((await bodies(tx, [reported.assigneeDepartmentId])).get(reported.assigneeDepartmentId) ?? null) : null;
    return write(tx, [
      toAssignee({ kind: 'reported', at, by, ...(reported ? { step: { id: reported.step, titleZh: reported.titleZh, titleEn: reported.titleEn } } : {}) }),
    ]);
  }
  const decided = await lastDecision(tx, task.requestId);
  if (!decided) {
    return write(tx, [toAssignee({ kind: 'submitted', at: subject.receivedAt, by: subject.requester })]);
  }
  const act = await actOf(tx, decided);
  const others = parties(subject)
    .filter(notActing(act.by?.id))
    .filter((r) => r.departmentId !== task.assigneeDepartmentId);
  return write(tx, [
    toAssignee(act),
    ...others.map(
      (to): Notice => ({
        id: `${task.taskId}/handed-off/${to.departmentId}/${to.role}`,
        to,
        kind: noticeKinds.caseDecided,
        taskId: null,
        at,
        subject,
        act,
        due,
      }),
    ),
  ]);
}

export interface CompletedTask {
  taskId: string;
  requestId: string;
  decision: string;
  reason?: string;
  completedAt: string;
  actor: { userId: string; departmentId: string };
}

/**
 * A decision that opens no task of the case's own: the refusal of an extension request (told to the department that
 * asked, with the deadline that stays) and the people's government's order to correct (told to the department whose
 * step was reported). Every other decision is told when the step it leads to opens, or when the case closes.
 */
export async function noticesOfCompletedTask(tx: Tx, done: CompletedTask): Promise<NoticesWritten> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, done.taskId));
  if (!task || !isSideStep(task.step)) return noNotices;
  const refusedExtension = task.step.endsWith('.extension') && done.decision === 'refuse';
  const ordered = task.step.endsWith('.government-order');
  if (!refusedExtension && !ordered) return noNotices;
  const subject = await caseSubject(tx, done.requestId);
  const concerned = task.extensionRequest
    ? (await tx.select().from(tasks).where(eq(tasks.id, task.extensionRequest.taskId)))[0]
    : await latestOfStep(tx, done.requestId, baseStep(task.step));
  if (!subject || !concerned) return noNotices;
  const names = await bodies(tx, [done.actor.departmentId, concerned.assigneeDepartmentId]);
  const assignee = names.get(concerned.assigneeDepartmentId);
  if (!assignee) return noNotices;
  const to = { departmentId: concerned.assigneeDepartmentId, role: concerned.assigneeRole };
  return write(tx, [
    {
      id: `${task.id}/decided/${to.departmentId}/${to.role}`,
      to,
      kind: refusedExtension ? noticeKinds.extensionRefused : noticeKinds.caseDecided,
      taskId: concerned.status === 'open' ? concerned.id : null,
      at: new Date(done.completedAt),
      subject,
      act: {
        kind: 'decided',
        at: new Date(done.completedAt),
        by: names.get(done.actor.departmentId) ?? null,
        // The government's order is about the step reported: named so, not by the order task's own title.
        step: ordered ? { id: task.step, titleZh: concerned.titleZh, titleEn: concerned.titleEn } : { id: task.step, titleZh: task.titleZh, titleEn: task.titleEn },
        decision: done.decision,
        reason: done.reason ?? null,
      },
      due: { taskId: concerned.id, titleZh: concerned.titleZh, titleEn: concerned.titleEn, assignee, dueAt: concerned.dueAt.toISOString() },
    },
  ]);
}

/**
 * A granted extension moved a step's deadline: the department that asked is told the new deadline, and so is the
 * other party (its case waits longer), never the authority that granted it.
 */
export async function noticesOfGrantedExtension(
  tx: Tx,
  moved: { taskId: string; requestId: string; revision: number; fromEndsAt: string; toEndsAt: string; at: string },
): Promise<NoticesWritten> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, moved.taskId));
  const subject = await caseSubject(tx, moved.requestId);
  if (!task || !subject) return noNotices;
  const [granted] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.requestId, moved.requestId), eq(tasks.step, `${task.step}.extension`), eq(tasks.decision, 'grant')))
    .orderBy(desc(tasks.completedAt))
    .limit(1);
  const names = await bodies(tx, [task.assigneeDepartmentId, granted?.assigneeDepartmentId]);
  const assignee = names.get(task.assigneeDepartmentId);
  if (!assignee) return noNotices;
  const grantor = granted ? (names.get(granted.assigneeDepartmentId) ?? null) : null;
  const recipients = [
    { departmentId: task.assigneeDepartmentId, role: task.assigneeRole },
    ...parties(subject).filter((r) => r.departmentId !== task.assigneeDepartmentId),
  ].filter(notActing(grantor?.id));
  const at = new Date(moved.at);
  return write(
    tx,
    recipients.map((to) => ({
      id: `${task.id}/extended/${moved.revision}/${to.departmentId}/${to.role}`,
      to,
      kind: noticeKinds.extensionGranted,
      taskId: to.departmentId === task.assigneeDepartmentId ? task.id : null,
      at,
      subject,
      act: {
        kind: 'decided',
        at: granted?.completedAt ?? at,
        by: grantor,
        step: granted ? { id: granted.step, titleZh: granted.titleZh, titleEn: granted.titleEn } : { id: `${task.step}.extension`, titleZh: '审批延期申请', titleEn: 'Decide an extension request' },
        decision: 'grant',
        reason: granted?.reason ?? null,
      },
      due: { taskId: task.id, titleZh: task.titleZh, titleEn: task.titleEn, assignee, dueAt: moved.toEndsAt, previousDueAt: moved.fromEndsAt },
    })),
  );
}

/**
 * A case closed: its parties are told the decision that ended it and how it ended, except the department that took
 * it. A share request refused at once (its entry is not shared) is told to the requesting department with the reason.
 */
export async function noticesOfClosedCase(
  tx: Tx,
  closed: { requestId: string; status: string; at: string; details?: Record<string, unknown> },
): Promise<NoticesWritten> {
  const subject = await caseSubject(tx, closed.requestId);
  if (!subject) return noNotices;
  const at = new Date(closed.at);
  const decided = await lastDecision(tx, closed.requestId);
  const note = (key: string) => (typeof closed.details?.[key] === 'string' ? (closed.details[key] as string) : undefined);
  if (!decided) {
    const reasonZh = note('reasonZh');
    const reasonEn = note('reasonEn');
    // Nobody decided (direct access, say): nothing to tell but what the requester already knows — unless refused.
    if (!reasonZh) return noNotices;
    const to = { departmentId: subject.requester.id, role: 'requester' };
    return write(tx, [
      {
        id: `${subject.requestId}/closed/${to.departmentId}/${to.role}`,
        to,
        kind: noticeKinds.caseClosed,
        taskId: null,
        at,
        subject,
        act: { kind: 'submitted', at: subject.receivedAt, by: subject.requester },
        outcome: { status: closed.status, reasonZh, ...(reasonEn ? { reasonEn } : {}) },
      },
    ]);
  }
  const act = await actOf(tx, decided);
  return write(
    tx,
    parties(subject)
      .filter(notActing(act.by?.id))
      .map((to) => ({
        id: `${subject.requestId}/closed/${to.departmentId}/${to.role}`,
        to,
        kind: noticeKinds.caseClosed,
        taskId: null,
        at,
        subject,
        act,
        outcome: { status: closed.status },
      })),
  );
}

/** The kinds of a notice to one person: a task given to them by the supervisor, or taken from them to another. */
export const personNoticeKinds = {
  /** 指派 / 转办: the supervisor gave the recipient a task (they hold it as if they had claimed it). */
  assignedToYou: 'task.assigned-to-you',
  /** 转办: a task the recipient held was given to someone else. */
  reassignedAway: 'task.reassigned-away',
} as const;

export interface PersonAssignment {
  task: TaskRow;
  mode: 'assigned' | 'reassigned';
  at: Date;
  by: { id: string; name: string; departmentId: string };
  to: { id: string; name: string };
  from: { id: string; name: string } | null;
  reason: string | null;
}

/**
 * Tells the person a task was assigned to, in their own inbox (addressed to them by name, within the task's department
 * and role), and on a reassignment (转办) the person it was taken from. Written in the transaction of the assignment.
 */
export async function noticesOfAssignment(tx: Tx, a: PersonAssignment): Promise<string[]> {
  const subject = await caseSubject(tx, a.task.requestId);
  if (!subject) return [];
  const assignee = (await bodies(tx, [a.task.assigneeDepartmentId])).get(a.task.assigneeDepartmentId);
  const dueAt = when(a.task.dueAt);
  const verb = a.mode === 'assigned' ? { zh: '指派', en: 'assigned' } : { zh: '转办', en: 'reassigned' };
  const reasonZh = a.reason ? `，理由：${a.reason}` : '';
  const reasonEn = a.reason ? ` (reasons: ${a.reason})` : '';
  const common = {
    recipientDepartmentId: a.task.assigneeDepartmentId,
    recipientRole: a.task.assigneeRole,
    requestId: a.task.requestId,
    taskId: a.task.id,
    createdAt: a.at,
  };
  const details = (act: Record<string, unknown>, textZh: string, textEn: string) => ({
    process: subject.process,
    catalogueEntryId: subject.catalogueEntryId,
    entryNameZh: subject.entryNameZh,
    entryNameEn: subject.entryNameEn,
    act: { kind: a.mode, at: a.at.toISOString(), byUserId: a.by.id, byName: a.by.name, ...(a.reason ? { reason: a.reason } : {}), ...act },
    taskId: a.task.id,
    stepTitleZh: a.task.titleZh,
    stepTitleEn: a.task.titleEn,
    dueAt: a.task.dueAt.toISOString(),
    responsibleDepartmentId: a.task.assigneeDepartmentId,
    responsibleNameZh: assignee?.nameZh ?? a.task.assigneeDepartmentId,
    responsibleNameEn: assignee?.nameEn ?? a.task.assigneeDepartmentId,
    assigneeUserId: a.to.id,
    assigneeName: a.to.name,
    ...(a.from ? { fromUserId: a.from.id, fromName: a.from.name } : {}),
    textZh,
    textEn,
  });
  const rows: (typeof notifications.$inferInsert)[] = [
    {
      ...common,
      id: `${a.task.id}/${a.mode}/${a.to.id}/${a.at.getTime()}`,
      recipientUserId: a.to.id,
      kind: personNoticeKinds.assignedToYou,
      titleZh: `${verb.zh}给您：${a.task.titleZh}（${subject.zh}）`,
      titleEn: `${a.mode === 'assigned' ? 'Assigned' : 'Reassigned'} to you: ${a.task.titleEn} (${subject.en})`,
      details: details(
        {},
        `${a.by.name}于 ${when(a.at)} 将“${a.task.titleZh}”${verb.zh}给您办理${a.from ? `（原承办人：${a.from.name}）` : ''}${reasonZh}。办理期限至 ${dueAt}（北京时间）。`,
        `On ${when(a.at)} ${a.by.name} ${verb.en} “${a.task.titleEn}” to you${a.from ? ` (previously with ${a.from.name})` : ''}${reasonEn}. Due ${dueAt} (Beijing time).`,
      ),
    },
  ];
  if (a.from && a.from.id !== a.to.id) {
    rows.push({
      ...common,
      id: `${a.task.id}/${a.mode}-away/${a.from.id}/${a.at.getTime()}`,
      recipientUserId: a.from.id,
      kind: personNoticeKinds.reassignedAway,
      titleZh: `已转办：${a.task.titleZh}（${subject.zh}）`,
      titleEn: `Reassigned: ${a.task.titleEn} (${subject.en})`,
      details: details(
        {},
        `${a.by.name}于 ${when(a.at)} 将“${a.task.titleZh}”由您转办给${a.to.name}${reasonZh}。`,
        `On ${when(a.at)} ${a.by.name} reassigned “${a.task.titleEn}” from you to ${a.to.name}${reasonEn}.`,
      ),
    });
  }
  await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.id });
  return rows.map((r) => r.id);
}
