import { or, eq, type SQL } from 'drizzle-orm';
import { requests } from '../db/schema';
import type { AuthUser } from './plugins/auth';

/**
 * What a caller may see of the requests (Hebei draft art. 34): its own, those addressed to it, and, for an authority,
 * those it handles at its level.
 */
export function visibleRequests(user: AuthUser): SQL {
  const d = user.departmentId;
  return or(eq(requests.requesterDepartmentId, d), eq(requests.providerDepartmentId, d), eq(requests.authorityDepartmentId, d))!;
}
