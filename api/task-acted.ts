import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tasks, users } from '../db/schema';
import { HttpProblem } from './problem';
import { text } from './problem-text';

const shanghai = { timeZone: 'Asia/Shanghai', hour12: false } as const;

/** `12月7日 11:07` and `7 Dec at 11:07`, Beijing time. */
function when(at: Date): { zh: string; en: string } {
  const zhDay = at.toLocaleDateString('zh-CN', { ...shanghai, month: 'long', day: 'numeric' });
  const enDay = at.toLocaleDateString('en-GB', { ...shanghai, month: 'short', day: 'numeric' });
  const time = at.toLocaleTimeString('en-GB', { ...shanghai, hour: '2-digit', minute: '2-digit' });
  return { zh: `${zhDay} ${time}`, en: `${enDay} at ${time}` };
}

async function displayName(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [user] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return user?.name ?? null;
}

/**
 * The 409 for acting on a task someone else has acted on: who did what, when (该事项已由 陈静 于 12月7日 11:07 办结),
 * so the person reloads the task knowing why, instead of reading "conflict". Undefined while the task is open and
 * unclaimed by another, and when the caller completed it (their resend is the case's to answer).
 */
export async function actedOnByOthers(db: Db, task: typeof tasks.$inferSelect, userId: string): Promise<HttpProblem | undefined> {
  // The same person's decision sent again (a lost answer, a retry after a 503) is the case's to answer: the same
  // decision attaches to the one taken (the update id is its hash), another is refused by the case as closed.
  if (task.status === 'completed' && task.completedBy === userId) return undefined;
  if (task.status === 'completed') {
    const name = await displayName(db, task.completedBy);
    const at = task.completedAt ? when(task.completedAt) : null;
    if (!name) {
      // Completed by the case itself (a period lapsed, a case withdrawn), not by a person.
      return HttpProblem.conflict(text(`该事项已${at ? `于 ${at.zh} ` : ''}由系统办结，不能再办理`, `This task was closed by the system${at ? ` on ${at.en}` : ''}; it cannot be acted on any more`));
    }
    return HttpProblem.conflict(text(`该事项已由 ${name}${at ? ` 于 ${at.zh}` : ''} 办结，不能再办理`, `This task was completed by ${name}${at ? ` on ${at.en}` : ''}; it cannot be acted on any more`));
  }
  if (task.status === 'cancelled') return HttpProblem.conflict(text('该事项已撤销，不能再办理', 'This task was cancelled; it cannot be acted on any more'));
  if (task.claimedBy && task.claimedBy !== userId) {
    const name = (await displayName(db, task.claimedBy)) ?? task.claimedBy;
    const at = task.claimedAt ? when(task.claimedAt) : null;
    return HttpProblem.conflict(
      text(
        `该事项已由 ${name}${at ? ` 于 ${at.zh}` : ''} 认领，由其办理或释放`,
        `This task was claimed by ${name}${at ? ` on ${at.en}` : ''}; they act on it or release it`,
      ),
    );
  }
  return undefined;
}

/** {@link actedOnByOthers} for the task as it is now, read again (after the case refused an act on it). */
export async function actedOnByOthersNow(db: Db, taskId: string, userId: string): Promise<HttpProblem | undefined> {
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  return task ? actedOnByOthers(db, task, userId) : undefined;
}
