import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import { requests, tasks } from '../db/schema';
import type { AuthUser } from './plugins/auth';

/**
 * What a caller may see of the requests (Hebei draft art. 34): its own, those addressed to it, those it handles at its
 * level as the authority, and those it was given a step of (the people's government approving, the upper-level
 * authority recording a filing).
 */
export function visibleRequests(user: AuthUser): SQL {
  const d = user.departmentId;
  const assignedAStep = exists(
    sql`(select 1 from ${tasks} where ${and(eq(tasks.requestId, requests.id), eq(tasks.assigneeDepartmentId, d))})`,
  );
  return or(eq(requests.requesterDepartmentId, d), eq(requests.providerDepartmentId, d), eq(requests.authorityDepartmentId, d), assignedAStep)!;
}
