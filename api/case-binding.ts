import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments } from '../db/schema';
import { packFor, RulesError } from '../rules';
import type { Parties } from '../workflows/messages';
import { HttpProblem } from './problem';

/**
 * Binds a new case to the rule pack in force in the submitting department's jurisdiction on its receipt date (it keeps
 * that pack), and names the bodies it involves at that department's level.
 */
export async function bindCase(
  db: Db,
  submitter: typeof departments.$inferSelect,
  receivedAt: Date,
  provider: string,
): Promise<{ pack: string; parties: Parties }> {
  const authorityId = submitter.kind === 'authority' ? submitter.id : submitter.authorityId;
  if (!authorityId) throw HttpProblem.unprocessable('department', `${submitter.nameZh} has no competent data authority configured`);
  const [authority] = await db.select().from(departments).where(eq(departments.id, authorityId));
  if (!authority?.governmentId || !authority.upperAuthorityId) {
    throw HttpProblem.unprocessable('department', `${authorityId} has no people's government or upper-level authority configured`);
  }
  let pack: string;
  try {
    pack = packFor(submitter.jurisdiction, receivedAt.toISOString()).id;
  } catch (error) {
    if (error instanceof RulesError) throw HttpProblem.unprocessable('body.receivedAt', error.message);
    throw error;
  }
  return {
    pack,
    parties: {
      requester: submitter.id,
      provider,
      authority: authorityId,
      government: authority.governmentId,
      upperAuthority: authority.upperAuthorityId,
    },
  };
}
