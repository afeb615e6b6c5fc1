import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditChainOf } from '../../db/audit';
import { anchorAudit, anchorConsistencyProof, chainInclusionProof, listAnchors } from '../../db/audit-anchor';
import { chainRows, verifyAuditTrail } from '../../db/audit-trail';
import { auditLog, requests } from '../../db/schema';
import { HttpProblem } from '../problem';
import type { AppDeps } from '../app';
import { allow, caller } from '../plugins/auth';
import { problemResponses } from '../schemas/common';
import { text, things } from '../problem-text';

const AuditQuery = Type.Object(
  {
    requestId: Type.Optional(Type.String({ format: 'uuid' })),
    action: Type.Optional(Type.String({ maxLength: 60 })),
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Rows after this id (the last id of the previous page)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

const AuditRow = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actorDepartmentId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  taskId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.Union([Type.String(), Type.Null()]),
  hash: Type.Union([Type.String(), Type.Null()]),
  chain: Type.String({ description: 'The chain of the row: case:<id> for a case, <kind>:<department> for events without one, legacy before chains per case' }),
  seq: Type.Union([Type.Integer(), Type.Null()], { description: 'Its place in its chain, from 1' }),
});

const Problem = Type.Object({
  kind: Type.Union([Type.Literal('altered'), Type.Literal('deleted'), Type.Literal('reordered'), Type.Literal('anchor')]),
  reason: Type.String(),
  rowId: Type.Optional(Type.Integer()),
  chain: Type.Optional(Type.String()),
  seq: Type.Optional(Type.Integer()),
  leafIndex: Type.Optional(Type.Integer()),
  anchorId: Type.Optional(Type.Integer()),
});

const Anchor = Type.Object({
  id: Type.Integer(),
  treeSize: Type.Integer({ description: 'Leaves (chain checkpoints) in the tree this root is of' }),
  rootHash: Type.String({ description: 'RFC 9162 Merkle tree hash, hex' }),
  createdAt: Type.String(),
});

const Leaf = Type.Object({ leafIndex: Type.Integer(), chain: Type.String(), seq: Type.Integer(), head: Type.String() });

const ProofQuery = Type.Object(
  {
    requestId: Type.Optional(Type.String({ format: 'uuid', description: 'The case whose record is proved' })),
    chain: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-z-]+:[A-Za-z0-9._-]+$', description: 'A chain of events without a case (admins)' })),
    anchorId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Prove against this anchor (default: the latest)' })),
  },
  { additionalProperties: false },
);

const Bundle = Type.Object({
  chain: Type.String(),
  rows: Type.Array(Type.Object({ ...AuditRow.properties, eventKey: Type.String() })),
  proof: Type.Union([Type.Object({ leaf: Leaf, anchor: Anchor, auditPath: Type.Array(Type.String()) }), Type.Null()], {
    description: 'Null while the chain is not anchored yet',
  }),
});

const ConsistencyQuery = Type.Object(
  { from: Type.Integer({ minimum: 1, maximum: 2147483647 }), to: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);

const Verification = Type.Object({
  intact: Type.Boolean(),
  scope: Type.String({ description: 'The jurisdiction whose rows were verified, or "all" for the whole chain' }),
  rows: Type.Integer(),
  legacyRows: Type.Optional(Type.Integer()),
  lastHash: Type.Optional(Type.String()),
  chains: Type.Integer(),
  anchors: Type.Integer(),
  leaves: Type.Integer(),
  firstBrokenId: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
  problems: Type.Array(Problem, { description: 'Every row or anchor found wrong, named (at most 100)' }),
});

/** The audit trail is read by the authority's supervisors (their level's cases) and admins (all of it). */
export function auditRoutes({ db }: AppDeps) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/audit',
      {
        preHandler: allow('authority-supervisor', 'admin'),
        schema: { tags: ['audit'], summary: '审计追溯 The audit trail, oldest first', querystring: AuditQuery, response: { 200: Type.Array(AuditRow), ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const q = request.query;
        const conditions: SQL[] = [gt(auditLog.id, q.after ?? 0)];
        if (q.requestId) conditions.push(eq(auditLog.requestId, q.requestId));
        if (q.action) conditions.push(eq(auditLog.action, q.action));
        const base = db.select({ a: auditLog }).from(auditLog);
        const query = user.roles.includes('admin')
          ? base.where(and(...conditions))
          : base.innerJoin(requests, eq(auditLog.requestId, requests.id)).where(and(...conditions, eq(requests.authorityDepartmentId, user.departmentId)));
        const rows = await query.orderBy(asc(auditLog.id)).limit(q.limit ?? 100);
        return rows.map(({ a }) => ({ ...a, at: a.at.toISOString() }));
      },
    );

    api.get(
      '/api/audit/verify',
      {
        preHandler: allow('authority-supervisor', 'admin'),
        schema: {
          tags: ['audit'],
          summary: '校验审计链 Verify the hash chain: intact, or the first broken link (a supervisor: its jurisdiction’s rows; the national authority and admins: all)',
          response: { 200: Verification, ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        return verifyAuditTrail(db, seesAll(user) ? undefined : user.department.jurisdiction);
      },
    );

    api.get(
      '/api/audit/anchors',
      {
        preHandler: allow('authority-supervisor', 'admin'),
        schema: {
          tags: ['audit'],
          summary: '审计锚点 The anchors, oldest first: each the root of the Merkle tree (RFC 9162) over every chain’s checkpoints; keep them to check later proofs',
          response: { 200: Type.Array(Anchor), ...problemResponses },
        },
      },
      async () => listAnchors(db),
    );

    api.post(
      '/api/audit/anchors',
      {
        preHandler: allow('admin'),
        schema: {
          tags: ['audit'],
          summary: '立即锚定 Anchor now every chain that grew since the last anchor (the schedule does it periodically)',
          response: { 200: Type.Object({ anchor: Type.Union([Type.Object({ ...Anchor.properties, added: Type.Integer() }), Type.Null()]) }), ...problemResponses },
        },
      },
      async () => ({ anchor: await anchorAudit(db) }),
    );

    api.get(
      '/api/audit/anchors/consistency',
      {
        preHandler: allow('authority-supervisor', 'admin'),
        schema: {
          tags: ['audit'],
          summary: '锚点一致性证明 Proof (RFC 9162 §2.1.4) that an earlier anchor’s tree is a prefix of a later one’s',
          querystring: ConsistencyQuery,
          response: { 200: Type.Object({ from: Anchor, to: Anchor, proof: Type.Array(Type.String()) }), ...problemResponses },
        },
      },
      async (request) => {
        const proof = await anchorConsistencyProof(db, request.query.from, request.query.to);
        if (!proof) throw new HttpProblem(404, text('没有这一对锚点（from 须为不晚于 to 的锚点）', 'No such pair of anchors (from must be an anchor no later than to)'));
        return proof;
      },
    );

    api.get(
      '/api/audit/proof',
      {
        preHandler: allow('authority-supervisor', 'admin'),
        schema: {
          tags: ['audit'],
          summary: '案件审计包 One case’s record with its inclusion proof: verifiable by an outsider with the published anchors (npm run audit -- verify-case)',
          querystring: ProofQuery,
          response: { 200: Bundle, ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const { requestId, chain: chainParam, anchorId } = request.query;
        if ((requestId === undefined) === (chainParam === undefined)) throw HttpProblem.badRequest('query.requestId', text('requestId 与 chain 须且只须提供其一', 'give either requestId or chain'));
        let chain: string;
        if (requestId !== undefined) {
          const [found] = await db.select({ jurisdiction: requests.jurisdiction }).from(requests).where(eq(requests.id, requestId));
          if (!found || (!seesAll(user) && found.jurisdiction !== user.department.jurisdiction)) throw HttpProblem.notFound(things.case);
          chain = auditChainOf({ action: '', requestId });
        } else {
          if (!user.roles.includes('admin')) throw new HttpProblem(404, text('没有这条审计链', 'No such chain'));
          chain = chainParam!;
        }
        const rows = await chainRows(db, chain);
        if (rows.length === 0 && requestId === undefined) throw new HttpProblem(404, text('没有这条审计链', 'No such chain'));
        const proof = await chainInclusionProof(db, chain, anchorId);
        if (anchorId !== undefined && !proof) throw new HttpProblem(404, text('该审计链不在这个锚点中', 'The chain is not in that anchor'));
        return { chain, rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })), proof };
      },
    );
  };
}

/** Admins and the national authority verify everything; a provincial or city supervisor its jurisdiction. */
const seesAll = (user: ReturnType<typeof caller>) => user.roles.includes('admin') || user.department.level === 'national';
