import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import { notifications, requests, tasks } from '../db/schema';
import type { AuthUser } from './plugins/auth';

/**
 * What a caller may see of the requests (Hebei draft art. 34): its own, those addressed to it, those it handles at its
 * level as the authority, those it was given a step of (the people's government approving, the upper-level
 * authority recording a filing), and those it was notified of (a rung of the escalation ladder reporting an overdue
 * step to the people's government: the body told must be able to open what it was told about). A notification
 * opens its case and nothing more: other cases of the same department stay hidden.
 */
export function visibleRequests(user: AuthUser): SQL {
  const d = user.departmentId;
  const assignedAStep = exists(
    sql`(select 1 from ${tasks} where ${and(eq(tasks.requestId, requests.id), eq(tasks.assigneeDepartmentId, d))})`,
  );
  const notifiedOf = exists(
    sql`(select 1 from ${notifications} where ${and(eq(notifications.requestId, requests.id), eq(notifications.recipientDepartmentId, d))})`,
  );
  return or(
    eq(requests.requesterDepartmentId, d),
    eq(requests.providerDepartmentId, d),
    eq(requests.authorityDepartmentId, d),
    assignedAStep,
    notifiedOf,
  )!;
}
