import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appendAudit } from '../db/audit';
import { departmentWebhooks, departments, escalations, notifications, tasks, type EscalationRung } from '../db/schema';
import type { Citation } from '../rules/citation';
import type { PlannedRung } from './ladder';

export interface EscalationInput {
  taskId: string;
  requestId: string;
  rung: PlannedRung;
  firedAt: string;
  responsibleDepartmentId: string;
  responsibleRole: string;
  authorityDepartmentId: string;
  citation: Citation;
}

const rungTitles: Record<EscalationRung, { zh: string; en: string }> = {
  reminder: { zh: '办理期限即将届满', en: 'Deadline approaching' },
  overdue: { zh: '已逾期未办理', en: 'Overdue' },
  rectification: { zh: '限期整改通知', en: 'Notice to rectify within a time limit' },
  'government-report': { zh: '逾期未整改，已报告本级人民政府', en: "Not rectified in time: reported to the people's government" },
};

interface Recipient {
  departmentId: string;
  role: string;
}

async function recipientsOf(db: Db, input: EscalationInput): Promise<Recipient[]> {
  const responsible = { departmentId: input.responsibleDepartmentId, role: input.responsibleRole };
  const supervisor = { departmentId: input.authorityDepartmentId, role: 'authority-supervisor' };
  switch (input.rung.rung) {
    case 'reminder':
      return [responsible];
    case 'overdue':
    case 'rectification':
      return [responsible, supervisor];
    case 'government-report': {
      const [authority] = await db.select().from(departments).where(eq(departments.id, input.authorityDepartmentId));
      const government = authority?.governmentId ? [{ departmentId: authority.governmentId, role: 'government-approver' }] : [];
      return [responsible, supervisor, ...government];
    }
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
      const id = `${input.taskId}/${rung}`;
      const firedAt = new Date(input.firedAt);
      const title = rungTitles[rung];
      const recipients = await recipientsOf(db, input);
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
            details: { citation: { ...input.citation }, explanation: input.rung.explanation },
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
              details: { scheduledAt: input.rung.at, explanationZh: input.rung.explanation.zh, explanationEn: input.rung.explanation.en },
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
