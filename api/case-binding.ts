import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments } from '../db/schema';
import { packFor, RulesError } from '../rules';
import type { Parties } from '../workflows/messages';
import type { AuthUser } from './plugins/auth';
import { HttpProblem } from './problem';

/**
 * Binds a new case to the rule pack in force in the caller's jurisdiction on its receipt date (it keeps that pack),
 * and names the bodies it involves at the caller's level.
 */
export async function bindCase(db: Db, user: AuthUser, receivedAt: Date, provider: string): Promise<{ pack: string; parties: Parties }> {
  const authorityId = user.department.kind === 'authority' ? user.department.id : user.department.authorityId;
  if (!authorityId) throw HttpProblem.unprocessable('department', `${user.department.nameZh} has no competent data authority configured`);
  const [authority] = await db.select().from(departments).where(eq(departments.id, authorityId));
  if (!authority?.governmentId || !authority.upperAuthorityId) {
    throw HttpProblem.unprocessable('department', `${authorityId} has no people's government or upper-level authority configured`);
  }
  let pack: string;
  try {
    pack = packFor(user.department.jurisdiction, receivedAt.toISOString()).id;
  } catch (error) {
    if (error instanceof RulesError) throw HttpProblem.unprocessable('body.receivedAt', error.message);
    throw error;
  }
  return {
    pack,
    parties: {
      requester: user.departmentId,
      provider,
      authority: authorityId,
      government: authority.governmentId,
      upperAuthority: authority.upperAuthorityId,
    },
  };
}
