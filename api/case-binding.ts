import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments } from '../db/schema';
import type { PackStore } from '../db/pack-store';
import { RulesError, type RulePack } from '../rules';
import type { Parties } from '../workflows/messages';
import { HttpProblem } from './problem';

/** What a new case is bound to: its pack's id, the exact version (hash and data), and its parties. */
export interface CaseBinding {
  pack: string;
  packHash: string;
  packData: RulePack;
  parties: Parties;
}

/**
 * Binds a new case to the rule pack in force in the submitting department's jurisdiction on its receipt date, in the
 * version effective that day, built-in or published (it keeps that exact version), and names the bodies it involves
 * at that department's level.
 */
export async function bindCase(
  db: Db,
  packs: PackStore,
  submitter: typeof departments.$inferSelect,
  receivedAt: Date,
  provider: string,
): Promise<CaseBinding> {
  const authorityId = submitter.kind === 'authority' ? submitter.id : submitter.authorityId;
  if (!authorityId) throw HttpProblem.unprocessable('department', `${submitter.nameZh} has no competent data authority configured`);
  const [authority] = await db.select().from(departments).where(eq(departments.id, authorityId));
  if (!authority?.governmentId || !authority.upperAuthorityId) {
    throw HttpProblem.unprocessable('department', `${authorityId} has no people's government or upper-level authority configured`);
  }
  let version: Awaited<ReturnType<PackStore['bind']>>;
  try {
    version = await packs.bind(submitter.jurisdiction, receivedAt.toISOString());
  } catch (error) {
    if (error instanceof RulesError) throw HttpProblem.unprocessable('body.receivedAt', error.message);
    throw error;
  }
  return {
    pack: version.pack.id,
    packHash: version.hash,
    packData: version.pack,
    parties: {
      requester: submitter.id,
      provider,
      authority: authorityId,
      government: authority.governmentId,
      upperAuthority: authority.upperAuthorityId,
    },
  };
}
