import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit } from '../db/audit';
import { departmentWebhooks, departments, escalations, notifications, tasks, type EscalationRung } from '../db/schema';
import type { Citation } from '../rules/citation';
import type { PlannedRung } from '../rules/escalation';

export interface EscalationInput {
  taskId: string;
  requestId: string;
  rung: PlannedRung;
  firedAt: string;
  responsibleDepartmentId: string;
  responsibleRole: string;
  authorityDepartmentId: string;
  citation: Citation;
  /** `${taskId}/${rung}` unless given: after an extension's grant the ladder starts again, its rungs with new ids. */
  escalationId?: string;
  /** What the notice is about, for the inbox: the step, when it was due (absent on rungs of older cases). */
  subject?: { stepTitleZh: string; stepTitleEn: string; dueAt: string };
}

const rungTitles: Record<EscalationRung, { zh: string; en: string }> = {
  reminder: { zh: '办理期限即将届满', en: 'Deadline approaching' },
  overdue: { zh: '已逾期未办理', en: 'Overdue' },
  rectification: { zh: '限期整改通知', en: 'Notice to rectify within a time limit' },
  'circular-criticism': { zh: '通报批评', en: 'Criticised in a circular' },
  'government-report': { zh: '逾期未整改，已报告本级人民政府', en: "Not rectified in time: reported to the people's government" },
  'correction-order': { zh: '逾期未整改，责令改正', en: 'Not rectified in time: ordered to correct' },
  'oversight-report': { zh: '主管部门逾期未办理，已报告本级人民政府（内部监督）', en: "The authority's own step overdue: the people's government informed (internal oversight)" },
};

/** A report meant for the government that found no government to go to says so, instead of claiming it went out. */
const undelivered: Partial<Record<EscalationRung, { zh: string; en: string }>> = {
  'government-report': { zh: '逾期未整改，应报告本级人民政府（未配置本级人民政府，未送达）', en: "Not rectified in time: to be reported to the people's government (none configured: not sent)" },
  'oversight-report': { zh: '主管部门逾期未办理，应报告本级人民政府（未配置本级人民政府，未送达）', en: "The authority's own step overdue: to be reported to the people's government (none configured: not sent)" },
};

interface Recipient {
  departmentId: string;
  role: string;
}

async function governmentOf(db: Db, authorityDepartmentId: string): Promise<string | null> {
  const [authority] = await db.select().from(departments).where(eq(departments.id, authorityDepartmentId));
  return authority?.governmentId ?? null;
}

async function recipientsOf(db: Db, input: EscalationInput): Promise<Recipient[]> {
  const responsible = { departmentId: input.responsibleDepartmentId, role: input.responsibleRole };
  const supervisor = { departmentId: input.authorityDepartmentId, role: 'authority-supervisor' };
  const to = input.rung.to;
  if (to) {
    const out: Recipient[] = [];
    for (const who of to) {
      if (who === 'assignee') out.push(responsible);
      else if (who === 'authority') out.push({ departmentId: input.authorityDepartmentId, role: 'authority-reviewer' });
      else if (who === 'supervisor') out.push(supervisor);
      else {
        const government = await governmentOf(db, input.authorityDepartmentId);
        if (government) out.push({ departmentId: government, role: 'government-approver' });
      }
    }
    return out.filter((r, i) => out.findIndex((o) => o.departmentId === r.departmentId && o.role === r.role) === i);
  }
  switch (input.rung.rung) {
    case 'reminder':
      return [responsible];
    case 'government-report': {
      const government = await governmentOf(db, input.authorityDepartmentId);
      return [responsible, supervisor, ...(government ? [{ departmentId: government, role: 'government-approver' }] : [])];
    }
    default:
      return [responsible, supervisor];
  }
}

export function escalationActivities(db: Db) {
  return {
    /**
     * Records a fired rung: the escalation, the task's state, a notification to each party, and the audit entry. Says
     * how many of the parties have an active webhook, so the workflow schedules a delivery only when someone listens.
     */
    async recordEscalation(input: EscalationInput): Promise<{ webhooks: number }> {
      const rung = input.rung.rung;
      const id = input.escalationId ?? `${input.taskId}/${rung}`;
      const firedAt = new Date(input.firedAt);
      const recipients = await recipientsOf(db, input);
      const reachesGovernment = recipients.some((r) => r.role === 'government-approver');
      const base =
        (input.rung.to?.includes('government') || (!input.rung.to && rung === 'government-report')) && !reachesGovernment
          ? undelivered[rung]!
          : (input.rung.title ?? rungTitles[rung]);
      const title = input.subject
        ? { zh: `${base.zh}：${input.subject.stepTitleZh}`, en: `${base.en}: ${input.subject.stepTitleEn}` }
        : base;
      const [responsible] = await db.select().from(departments).where(eq(departments.id, input.responsibleDepartmentId));
      await db.transaction(async (tx) => {
        await tx
          .insert(escalations)
          .values({
            id,
            taskId: input.taskId,
            requestId: input.requestId,
            rung,
            scheduledAt: new Date(input.rung.at),
            firedAt,
            responsibleDepartmentId: input.responsibleDepartmentId,
            details: {
              citation: { ...input.citation },
              explanation: input.rung.explanation,
              ...(input.rung.basis ? { basis: input.rung.basis, rungCitation: input.rung.citation } : {}),
              ...(input.rung.timeLimitEndsAt ? { timeLimitEndsAt: input.rung.timeLimitEndsAt } : {}),
              ...(input.subject ? { stepTitleZh: input.subject.stepTitleZh, stepTitleEn: input.subject.stepTitleEn, dueAt: input.subject.dueAt } : {}),
              notified: recipients.map((r) => `${r.departmentId}:${r.role}`),
            },
          })
          .onConflictDoNothing({ target: escalations.id });
        if (rung !== 'reminder') {
          await tx.update(tasks).set({ overdue: true, rung }).where(eq(tasks.id, input.taskId));
        }
        await tx
          .insert(notifications)
          .values(
            recipients.map((r) => ({
              id: `${id}/${r.departmentId}/${r.role}`,
              recipientDepartmentId: r.departmentId,
              recipientRole: r.role,
              kind: `escalation.${rung}`,
              titleZh: title.zh,
              titleEn: title.en,
              requestId: input.requestId,
              taskId: input.taskId,
              escalationId: id,
              details: {
                scheduledAt: input.rung.at,
                explanationZh: input.rung.explanation.zh,
                explanationEn: input.rung.explanation.en,
                ...(input.rung.basis ? { basis: input.rung.basis, article: input.rung.explanation.article } : {}),
                ...(input.subject
                  ? {
                      stepTitleZh: input.subject.stepTitleZh,
                      stepTitleEn: input.subject.stepTitleEn,
                      dueAt: input.subject.dueAt,
                      responsibleDepartmentId: input.responsibleDepartmentId,
                      responsibleNameZh: responsible?.nameZh,
                      responsibleNameEn: responsible?.nameEn,
                    }
                  : {}),
              },
              createdAt: firedAt,
            })),
          )
          .onConflictDoNothing({ target: notifications.id });
        await appendAudit(tx, {
          eventKey: `escalation:${id}`,
          at: firedAt,
          action: `escalation.${rung}`,
          requestId: input.requestId,
          taskId: input.taskId,
          details: {
            scheduledAt: input.rung.at,
            ...(input.rung.basis ? { basis: input.rung.basis } : {}),
            responsibleDepartmentId: input.responsibleDepartmentId,
            notified: recipients.map((r) => `${r.departmentId}:${r.role}`),
          },
        });
      });
      const listening = await db
        .select({ departmentId: departmentWebhooks.departmentId })
        .from(departmentWebhooks)
        .where(and(inArray(departmentWebhooks.departmentId, recipients.map((r) => r.departmentId)), eq(departmentWebhooks.active, true)));
      return { webhooks: listening.length };
    },
  };
}
