import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { PackStore } from '../db/pack-store';
import { departments } from '../db/schema';
import { RulesError, shareRoute, type RulePack, type ShareRoute } from '../rules';
import type { Parties } from '../workflows/messages';
import { HttpProblem } from './problem';
import { fromWire, text } from './problem-text';

type Department = typeof departments.$inferSelect;

/**
 * A case's binding: its pack's id and the exact version (hash and data), its parties and, for a share request, the
 * route its parties' levels give it.
 */
export interface CaseBinding {
  pack: string;
  packHash: string;
  packData: RulePack;
  parties: Parties;
  /** Set for a share request routed otherwise than between two departments of one authority (art. 21). */
  route?: Exclude<ShareRoute, { kind: 'same-level' | 'not-provided' }>;
}

/**
 * Binds a new case to the rule pack in force in the submitting department's jurisdiction on its receipt date, in the
 * version effective that day, built-in or published (it keeps that exact version), and names the bodies it involves
 * at that department's level. A share request (`routed`) is routed by the parties' levels and regions
 * (rules/cross-level.ts): across levels or regions of the province, the upper-level authority handles it and the
 * requester's own authority relays it (Hebei draft art. 21); a request the text gives no route for is a 422 naming
 * `body.catalogueEntryId`.
 */
export async function bindCase(
  db: Db,
  packs: PackStore,
  submitter: Department,
  receivedAt: Date,
  provider: string,
  opts: { routed?: boolean; catalogueEntryId?: string } = {},
): Promise<CaseBinding> {
  const authorityId = submitter.kind === 'authority' ? submitter.id : submitter.authorityId;
  if (!authorityId) throw HttpProblem.unprocessable('department', text(`${submitter.nameZh}未配置政务数据主管部门，请联系系统管理员`, `${submitter.nameEn} has no competent data authority configured`));
  const authority = await departmentOf(db, authorityId);
  if (!authority?.governmentId || !authority.upperAuthorityId) {
    throw HttpProblem.unprocessable('department', text(`${authorityId} 未配置本级人民政府或上级主管部门，请联系系统管理员`, `${authorityId} has no people's government or upper-level authority configured`));
  }
  let version: Awaited<ReturnType<PackStore['bind']>>;
  try {
    version = await packs.bind(submitter.jurisdiction, receivedAt.toISOString());
  } catch (error) {
    if (error instanceof RulesError) throw HttpProblem.unprocessable('body.receivedAt', fromWire(error.message, '收到之日没有施行中的规章可以适用'));
    throw error;
  }
  const bound = { pack: version.pack.id, packHash: version.hash, packData: version.pack };
  const parties: Parties = {
    requester: submitter.id,
    provider,
    authority: authorityId,
    government: authority.governmentId,
    upperAuthority: authority.upperAuthorityId,
  };
  if (!opts.routed) return { ...bound, parties };
  const providing = await departmentOf(db, provider);
  if (!providing) throw HttpProblem.unprocessable('body.catalogueEntryId', text(`提供部门 ${provider} 不存在`, `the providing department ${provider} is not known`));
  const route = shareRoute(
    version.pack,
    routingBody(submitter, authorityId),
    { id: authority.id, upperAuthorityId: authority.upperAuthorityId },
    routingBody(providing, providing.kind === 'authority' ? providing.id : providing.authorityId),
  );
  if (route.kind === 'same-level') return { ...bound, parties };
  if (route.kind === 'not-provided') {
    throw HttpProblem.unprocessable(
      'body.catalogueEntryId',
      text(
        `${opts.catalogueEntryId ?? '该条目'}（${providing.nameZh}）：${route.zh}（${route.citation.article}）`,
        `${opts.catalogueEntryId ?? 'this entry'} (${providing.nameEn}): ${route.en} (${route.citation.article})`,
      ),
    );
  }
  if (route.kind === 'own-authority') return { ...bound, parties, route };
  const upper = await departmentOf(db, route.upperAuthority);
  if (!upper?.governmentId || !upper.upperAuthorityId) {
    throw HttpProblem.unprocessable('department', text(`${route.upperAuthority} 未配置本级人民政府或上级主管部门，请联系系统管理员`, `${route.upperAuthority} has no people's government or upper-level authority configured`));
  }
  return {
    ...bound,
    route,
    parties: {
      ...parties,
      authority: upper.id,
      government: upper.governmentId,
      upperAuthority: upper.upperAuthorityId,
      relayAuthority: route.relayAuthority,
    },
  };
}

async function departmentOf(db: Db, id: string): Promise<Department | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  return row;
}

function routingBody(d: Department, authorityId: string | null) {
  return { id: d.id, level: d.level, jurisdiction: d.jurisdiction, authorityId };
}
