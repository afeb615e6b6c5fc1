import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { verifyAuditChain } from '../../db/audit';
import { verifyAuditChainFor } from '../../db/audit-scope';
import { auditLog, requests } from '../../db/schema';
import type { AppDeps } from '../app';
import { allow, caller } from '../plugins/auth';
import { problemResponses } from '../schemas/common';

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
});

const Verification = Type.Object({
  intact: Type.Boolean(),
  scope: Type.String({ description: 'The jurisdiction whose rows were verified, or "all" for the whole chain' }),
  rows: Type.Integer(),
  legacyRows: Type.Optional(Type.Integer()),
  lastHash: Type.Optional(Type.String()),
  firstBrokenId: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
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
        if (user.roles.includes('admin') || user.department.level === 'national') return { ...(await verifyAuditChain(db)), scope: 'all' };
        return verifyAuditChainFor(db, user.department.jurisdiction);
      },
    );
  };
}
