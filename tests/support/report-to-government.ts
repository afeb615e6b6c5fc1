import { eq } from 'drizzle-orm';
import { escalationActivities } from '../../activities/escalations';
import type { Db } from '../../db/client';
import { requests, tasks } from '../../db/schema';

/**
 * Records the ladder's report to the people's government for an open task, through the real activity the workflow
 * calls (escalations row, a notification to each body told, the audit entry), now rather than the working days after
 * the overdue notice the ladder waits (rules/ladder.ts): a test in real time cannot wait them out.
 */
export async function reportToGovernment(db: Db, taskId: string): Promise<void> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw new Error(`no task ${taskId}`);
  const [request] = await db.select().from(requests).where(eq(requests.id, task.requestId));
  const now = new Date().toISOString();
  await escalationActivities(db).recordEscalation({
    taskId,
    requestId: task.requestId,
    rung: {
      rung: 'government-report',
      at: now,
      explanation: { zh: '逾期未整改，报告本级人民政府（测试）', en: "Not rectified in time: reported to the people's government (test)" },
      basis: 'policy',
      to: ['assignee', 'supervisor', 'government'],
    },
    firedAt: now,
    responsibleDepartmentId: task.assigneeDepartmentId,
    responsibleRole: task.assigneeRole,
    authorityDepartmentId: request!.authorityDepartmentId,
    citation: { source: request!.pack, article: '—', textZh: '测试', textEn: 'test' },
    subject: { stepTitleZh: task.titleZh, stepTitleEn: task.titleEn, dueAt: task.dueAt.toISOString() },
  });
}
