import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { appendAudit } from '../../db/audit';
import { versionOn, type PackVersion } from '../../db/pack-store';
import { requests, rulePackProposals, rulePackVersions } from '../../db/schema';
import { shanghaiDateOf, type RulePack } from '../../rules';
import { diffPacks } from '../../rules/pack-diff';
import { packHash, validatePack } from '../../packs/data';
import type { AppDeps } from '../app';
import { keepsCalendar } from '../calendar-keepers';
import { packStore } from '../packs';
import { allow, caller, peopleOnly, type AuthUser } from '../plugins/auth';
import { fieldError, HttpProblem } from '../problem';
import { problemResponses } from '../schemas/common';
import { DecisionBody } from '../schemas/calendar';
import {
  PackHashParams,
  PackPreviewSchema,
  PackProposalBody,
  PackProposalListQuery,
  PackProposalParams,
  PackProposalSchema,
  PackVersionDetail,
  PackVersionSchema,
} from '../schemas/rule-packs';
import { fromWire, statusZh, text, things } from '../problem-text';

type Proposal = typeof rulePackProposals.$inferSelect;

const optionalBody = async (request: FastifyRequest) => {
  request.body ??= {};
};
const conflict = { 409: problemResponses[400] };

/**
 * Who keeps a jurisdiction's rule packs: its provincial data authority's supervisors, and an admin (the same people
 * who keep its regional calendar). A national text is kept by an admin.
 */
export function keepsPacks(user: AuthUser, jurisdiction: string): boolean {
  if (jurisdiction === 'national') return user.roles.includes('admin');
  return keepsCalendar(user, jurisdiction);
}

function versionView(v: PackVersion) {
  return {
    packId: v.pack.id,
    jurisdiction: v.pack.jurisdiction,
    version: v.pack.version,
    hash: v.hash,
    effectiveFrom: v.effectiveFrom,
    source: v.source,
    inForce: v.pack.inForce ? { ...v.pack.inForce } : null,
    bindable: v.pack.bindable,
  };
}

function proposalView(p: Proposal) {
  return {
    id: p.id,
    packId: p.packId,
    jurisdiction: p.jurisdiction,
    version: p.pack.version,
    hash: p.hash,
    baseHash: p.baseHash,
    effectiveFrom: p.effectiveFrom,
    reason: p.reason,
    status: p.status,
    proposedBy: p.proposedBy,
    proposedAt: p.proposedAt.toISOString(),
    decidedBy: p.decidedBy,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    decisionNote: p.decisionNote,
  };
}

/**
 * Rule packs as data at run time (docs/RULES.md, "Packs as data"): a keeper proposes a new version of a pack, or a new
 * text, validated against the pack schema; another keeper approves it (four eyes, audited) and it is published. A
 * published version is never changed. A case binds the version effective on its receipt date and keeps it, so
 * publishing changes nothing for running cases; the preview says so, case by case, and lists what differs for new
 * ones.
 */
export function rulePackRoutes(deps: AppDeps) {
  const { db } = deps;
  const packs = packStore(deps);

  async function previewOf(p: Pick<Proposal, 'packId' | 'hash' | 'effectiveFrom' | 'pack'>) {
    const versions = await packs.versions();
    const base = versionOn(versions, p.packId, p.effectiveFrom);
    const open = and(eq(requests.pack, p.packId), isNull(requests.closedAt));
    const [total] = await db.select({ n: count() }).from(requests).where(open);
    const rows = await db
      .select({ id: requests.id, process: requests.process, receivedAt: requests.receivedAt, packHash: requests.packHash })
      .from(requests)
      .where(open)
      .orderBy(asc(requests.receivedAt))
      .limit(100);
    const builtIn = versions.find((v) => v.source === 'built-in' && v.pack.id === p.packId);
    return {
      packId: p.packId,
      hash: p.hash,
      effectiveFrom: p.effectiveFrom,
      openCases: {
        count: total?.n ?? 0,
        changes: 0,
        cases: rows.map((r) => ({
          requestId: r.id,
          process: r.process,
          receivedAt: r.receivedAt.toISOString(),
          boundHash: r.packHash,
          keeps: r.packHash ?? builtIn?.hash ?? p.packId,
          changes: [],
        })),
      },
      newCases: { from: p.effectiveFrom, comparedWith: base?.hash ?? null, changes: diffPacks(base?.pack, p.pack) },
    };
  }

  async function proposalFor(user: AuthUser, id: string): Promise<Proposal> {
    const [p] = await db.select().from(rulePackProposals).where(eq(rulePackProposals.id, id));
    if (!p || !keepsPacks(user, p.jurisdiction)) throw HttpProblem.notFound(things.proposal);
    return p;
  }

  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    // A keeper's act is a person's: four eyes are two people, and the audit names who (an API key is refused).
    const keepers = [peopleOnly, allow('authority-supervisor', 'admin')];

    api.get(
      '/api/rule-packs',
      {
        schema: {
          tags: ['rules'],
          summary: '规则包版本 Every version of every pack, built-in and published, with its hash and effective date',
          response: { 200: Type.Array(PackVersionSchema), ...problemResponses },
        },
      },
      async () => (await packs.versions()).map(versionView),
    );

    api.get(
      '/api/rule-packs/:hash',
      {
        schema: {
          tags: ['rules'],
          summary: '规则包数据 One version of a pack, as data',
          params: PackHashParams,
          response: { 200: PackVersionDetail, ...problemResponses },
        },
      },
      async (request) => {
        const v = (await packs.versions()).find((x) => x.hash === request.params.hash);
        if (!v) throw HttpProblem.notFound(things.packVersion);
        return { ...versionView(v), pack: JSON.parse(JSON.stringify(v.pack)) as Record<string, unknown> };
      },
    );

    api.post(
      '/api/rule-packs/proposals',
      {
        preHandler: keepers,
        schema: {
          tags: ['rules'],
          summary: '提出规则包版本 Propose a new version of a pack (or a new text) as data; it is published when another keeper approves it',
          body: PackProposalBody,
          response: { 201: PackProposalSchema, ...problemResponses, ...conflict },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        const issues = validatePack(request.body.pack);
        if (issues.length > 0) {
          throw HttpProblem.fields(
            400,
            issues.map((i) => fieldError(`body.pack.${i.path}`, fromWire(i.message, '不符合规则包的格式要求（见 docs/RULES.md）'))),
          );
        }
        const pack = request.body.pack as unknown as RulePack;
        if (!keepsPacks(user, pack.jurisdiction)) {
          throw HttpProblem.forbidden(
            text(
              '规则包仅由本省政务数据主管部门负责人（或系统管理员）提出和批准。',
              `Only ${pack.jurisdiction}'s provincial data authority supervisors (or an admin) propose and approve its rule packs.`,
            ),
          );
        }
        const versions = await packs.versions();
        const sameId = versions.find((v) => v.pack.id === pack.id);
        if (sameId && sameId.pack.jurisdiction !== pack.jurisdiction) {
          throw HttpProblem.badRequest('body.pack.jurisdiction', text(`规则包 ${pack.id} 属于 ${sameId.pack.jurisdiction}`, `pack ${pack.id} is a text of ${sameId.pack.jurisdiction}`));
        }
        const effectiveFrom = request.body.effectiveFrom ?? pack.inForce?.from ?? shanghaiDateOf(new Date().toISOString());
        if (pack.inForce && effectiveFrom < pack.inForce.from) {
          throw HttpProblem.badRequest('body.effectiveFrom', text(`早于该规章的施行日期（${pack.inForce.from}）`, `is before the text comes into force (${pack.inForce.from})`));
        }
        const hash = packHash(pack);
        if (versions.some((v) => v.hash === hash)) throw HttpProblem.conflict(text(`这一版本（${hash}）已经内置或发布。`, `This version (${hash}) is already built in or published.`));
        const base = versionOn(versions, pack.id, effectiveFrom);
        const at = new Date();
        const proposal = await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(rulePackProposals)
            .values({ packId: pack.id, jurisdiction: pack.jurisdiction, hash, baseHash: base?.hash ?? null, effectiveFrom, pack, reason: request.body.reason, proposedBy: user.id, proposedAt: at })
            .returning();
          await appendAudit(tx, {
            eventKey: `rule-pack.proposed:${row!.id}`,
            at,
            action: 'rule-pack.proposed',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { proposalId: row!.id, packId: pack.id, version: pack.version, hash, baseHash: base?.hash ?? null, effectiveFrom, reason: request.body.reason },
          });
          return row!;
        });
        return reply.status(201).send({ ...proposalView(proposal), preview: await previewOf(proposal) });
      },
    );

    api.get(
      '/api/rule-packs/proposals',
      {
        preHandler: keepers,
        schema: {
          tags: ['rules'],
          summary: '待批规则包 Proposals for the packs the caller keeps (pending by default), each pending one with its preview',
          querystring: PackProposalListQuery,
          response: { 200: Type.Array(PackProposalSchema), ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const rows = await db
          .select()
          .from(rulePackProposals)
          .where(eq(rulePackProposals.status, request.query.status ?? 'pending'))
          .orderBy(desc(rulePackProposals.proposedAt))
          .limit(100);
        const out = [];
        for (const p of rows.filter((r) => keepsPacks(user, r.jurisdiction))) out.push(p.status === 'pending' ? { ...proposalView(p), preview: await previewOf(p) } : proposalView(p));
        return out;
      },
    );

    api.get(
      '/api/rule-packs/proposals/:id/preview',
      {
        preHandler: keepers,
        schema: {
          tags: ['rules'],
          summary: '发布预览 What publishing the proposal would change: nothing for running cases; for new cases, the steps and periods that differ',
          params: PackProposalParams,
          response: { 200: PackPreviewSchema, ...problemResponses },
        },
      },
      async (request) => previewOf(await proposalFor(caller(request), request.params.id)),
    );

    api.post(
      '/api/rule-packs/proposals/:id/approve',
      {
        preValidation: optionalBody,
        preHandler: keepers,
        schema: {
          tags: ['rules'],
          summary: '批准并发布 Approve another keeper\'s proposal: the version is published for cases received from its effective date',
          params: PackProposalParams,
          body: DecisionBody,
          response: { 200: PackProposalSchema, ...problemResponses, ...conflict },
        },
      },
      async (request) => {
        const user = caller(request);
        const found = await proposalFor(user, request.params.id);
        if (found.proposedBy === user.id) {
          throw HttpProblem.forbidden(text('四眼原则：提出规则包版本的人不能批准自己的提议。', 'Four eyes: a pack version is approved by a keeper other than the one who proposed it.'));
        }
        const at = new Date();
        const approved = await db.transaction(async (tx) => {
          const [p] = await tx.select().from(rulePackProposals).where(eq(rulePackProposals.id, found.id)).for('update');
          if (p!.status !== 'pending') throw HttpProblem.conflict(text(`该提议已${statusZh(p!.status)}`, `The proposal is already ${p!.status}`));
          const base = versionOn(await packs.versions(tx), p!.packId, p!.effectiveFrom);
          if ((base?.hash ?? null) !== p!.baseHash) {
            throw HttpProblem.conflict(
              text('该规则包在此提议提出后已有新版本发布，请重新提出。', 'Another version of the pack was published since this proposal: propose it again on the pack as it reads now.'),
            );
          }
          const stored = await tx
            .insert(rulePackVersions)
            .values({
              hash: p!.hash,
              packId: p!.packId,
              jurisdiction: p!.jurisdiction,
              version: p!.pack.version,
              effectiveFrom: p!.effectiveFrom,
              pack: p!.pack,
              proposalId: p!.id,
              proposedBy: p!.proposedBy,
              publishedBy: user.id,
              publishedAt: at,
            })
            .onConflictDoNothing()
            .returning({ hash: rulePackVersions.hash });
          if (stored.length === 0) throw HttpProblem.conflict(text(`这一版本（${p!.hash}）已经发布`, `This version (${p!.hash}) is already published`));
          const [row] = await tx
            .update(rulePackProposals)
            .set({ status: 'approved', decidedBy: user.id, decidedAt: at, decisionNote: request.body.note ?? null })
            .where(eq(rulePackProposals.id, p!.id))
            .returning();
          await appendAudit(tx, {
            eventKey: `rule-pack.published:${p!.id}`,
            at,
            action: 'rule-pack.published',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { proposalId: p!.id, packId: p!.packId, version: p!.pack.version, hash: p!.hash, fromHash: p!.baseHash, effectiveFrom: p!.effectiveFrom, proposedBy: p!.proposedBy, approvedBy: user.id, reason: p!.reason },
          });
          return row!;
        });
        packs.invalidate();
        return proposalView(approved);
      },
    );

    api.post(
      '/api/rule-packs/proposals/:id/reject',
      {
        preValidation: optionalBody,
        preHandler: keepers,
        schema: {
          tags: ['rules'],
          summary: '驳回 Reject (or, by its proposer, withdraw) a pending proposal; nothing is published',
          params: PackProposalParams,
          body: DecisionBody,
          response: { 200: PackProposalSchema, ...problemResponses, ...conflict },
        },
      },
      async (request) => {
        const user = caller(request);
        const found = await proposalFor(user, request.params.id);
        const at = new Date();
        return db.transaction(async (tx) => {
          const [row] = await tx
            .update(rulePackProposals)
            .set({ status: 'rejected', decidedBy: user.id, decidedAt: at, decisionNote: request.body.note ?? null })
            .where(and(eq(rulePackProposals.id, found.id), eq(rulePackProposals.status, 'pending')))
            .returning();
          if (!row) throw HttpProblem.conflict(
              text(`该提议已${found.status === 'pending' ? '处理' : statusZh(found.status)}`, `The proposal is already ${found.status === 'pending' ? 'decided' : found.status}`),
            );
          await appendAudit(tx, {
            eventKey: `rule-pack.rejected:${row.id}`,
            at,
            action: 'rule-pack.rejected',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { proposalId: row.id, packId: row.packId, hash: row.hash, proposedBy: row.proposedBy, rejectedBy: user.id, note: row.decisionNote },
          });
          return proposalView(row);
        });
      },
    );
  };
}
