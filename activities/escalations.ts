import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Citation } from '../rules/citation';
import { escalations, notifications, tasks, type EscalationRung } from '../db/schema';
import { appendAudit } from '../db/audit';

export interface EscalationInput {
  taskId: string;
  requestId: string;
  rung: EscalationRung;
  scheduledAt: string;
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
  'government-report': { zh: '报告本级人民政府', en: "Reported to the people's government" },
};

export function escalationActivities(db: Db) {
  return {
    /** Records a fired rung: the escalation, the task's state, a notification to each party, and the audit entry. */
    async recordEscalation(input: EscalationInput): Promise<void> {
      const id = `${input.taskId}/${input.rung}`;
      const firedAt = new Date(input.firedAt);
      const title = rungTitles[input.rung];
      await db.transaction(async (tx) => {
        await tx
          .insert(escalations)
          .values({
            id,
            taskId: input.taskId,
            requestId: input.requestId,
            rung: input.rung,
            scheduledAt: new Date(input.scheduledAt),
            firedAt,
            responsibleDepartmentId: input.responsibleDepartmentId,
            details: { citation: { ...input.citation } },
          })
          .onConflictDoNothing({ target: escalations.id });
        if (input.rung !== 'reminder') {
          await tx.update(tasks).set({ overdue: true, rung: input.rung }).where(eq(tasks.id, input.taskId));
        }
        const recipients = [
          { departmentId: input.responsibleDepartmentId, role: input.responsibleRole },
          { departmentId: input.authorityDepartmentId, role: 'authority-supervisor' },
        ];
        await tx
          .insert(notifications)
          .values(
            recipients.map((r) => ({
              id: `${id}/${r.departmentId}/${r.role}`,
              recipientDepartmentId: r.departmentId,
              recipientRole: r.role,
              kind: `escalation.${input.rung}`,
              titleZh: title.zh,
              titleEn: title.en,
              requestId: input.requestId,
              taskId: input.taskId,
              escalationId: id,
              details: { scheduledAt: input.scheduledAt },
              createdAt: firedAt,
            })),
          )
          .onConflictDoNothing({ target: notifications.id });
        await appendAudit(tx, {
          eventKey: `escalation:${id}`,
          at: firedAt,
          action: `escalation.${input.rung}`,
          requestId: input.requestId,
          taskId: input.taskId,
          details: { scheduledAt: input.scheduledAt, responsibleDepartmentId: input.responsibleDepartmentId },
        });
      });
    },
  };
}
