import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { appendAudit } from '../../db/audit';
import { apiKeys, roles as allRoles } from '../../db/schema';
import type { AppDeps } from '../app';
import { apiKeyPrefix, caller, hashToken, peopleOnly } from '../plugins/auth';
import { HttpProblem } from '../problem';
import { IdParams, problemResponses } from '../schemas/common';
import { roleZh, text, things } from '../problem-text';

const CreateKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100, description: 'Which system uses it' }),
    roles: Type.Array(Type.Union(allRoles.map((r) => Type.Literal(r))), { minItems: 1, uniqueItems: true }),
    expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the key stops working; without it, until revoked' })),
  },
  { additionalProperties: false },
);

const KeyView = Type.Object({
  id: Type.String(),
  departmentId: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  key: Type.Optional(Type.String({ description: 'Shown once, when created' })),
});

function view(k: typeof apiKeys.$inferSelect) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return { ...k, createdAt: k.createdAt.toISOString(), revokedAt: iso(k.revokedAt), lastUsedAt: iso(k.lastUsedAt), expiresAt: iso(k.expiresAt) };
}

/**
 * A department's people manage their department's keys; a key never holds a role its creator lacks, and a key
 * itself manages none (whatever its roles: a requester-only system must not revoke the department's other keys).
 */
export function apiKeyRoutes({ db }: AppDeps) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/api/api-keys', { preHandler: peopleOnly, schema: { tags: ['auth'], summary: '接口密钥 The department’s API keys', response: { 200: Type.Array(KeyView), ...problemResponses } } }, async (request) => {
      const user = caller(request);
      const rows = await db.select().from(apiKeys).where(eq(apiKeys.departmentId, user.departmentId)).orderBy(desc(apiKeys.createdAt));
      return rows.map(({ keyHash: _hash, ...k }) => view({ ...k, keyHash: '' }));
    });

    api.post(
      '/api/api-keys',
      { preHandler: peopleOnly, schema: { tags: ['auth'], summary: '创建接口密钥 Create a key for a department system (shown once)', body: CreateKeyBody, response: { 201: KeyView, ...problemResponses } } },
      async (request, reply) => {
        const user = caller(request);
        const missing = request.body.roles.filter((r) => !user.roles.includes(r));
        if (missing.length) throw HttpProblem.badRequest('body.roles', text(`您本人不具有这些角色：${missing.map(roleZh).join('、')}`, `you do not hold ${missing.join(', ')}`));
        const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
        if (expiresAt && expiresAt.getTime() <= Date.now()) throw HttpProblem.badRequest('body.expiresAt', text('须晚于现在', 'must be in the future'));
        const id = randomBytes(6).toString('hex');
        const key = `${apiKeyPrefix}${id}_${randomBytes(24).toString('base64url')}`;
        // The key and its audit row commit together: an active key nobody recorded must not exist.
        const row = await db.transaction(async (tx) => {
          const [inserted] = await tx
            .insert(apiKeys)
            .values({ id, departmentId: user.departmentId, name: request.body.name, roles: request.body.roles, keyHash: hashToken(key), createdBy: user.id, expiresAt })
            .returning();
          await appendAudit(tx, {
            eventKey: `api-key.created:${id}`,
            at: inserted!.createdAt,
            action: 'api-key.created',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { id, name: request.body.name, roles: request.body.roles, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) },
          });
          return inserted;
        });
        const { keyHash: _hash, ...rest } = row!;
        return reply.status(201).send({ ...view({ ...rest, keyHash: '' }), key });
      },
    );

    api.delete(
      '/api/api-keys/:id',
      { preHandler: peopleOnly, schema: { tags: ['auth'], summary: '吊销接口密钥 Revoke a key', params: IdParams, response: { 200: KeyView, ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const at = new Date();
        const row = await db.transaction(async (tx) => {
          const [revoked] = await tx
            .update(apiKeys)
            .set({ revokedAt: at })
            .where(and(eq(apiKeys.id, request.params.id), eq(apiKeys.departmentId, user.departmentId), isNull(apiKeys.revokedAt)))
            .returning();
          if (!revoked) return undefined;
          await appendAudit(tx, {
            eventKey: `api-key.revoked:${revoked.id}`,
            at,
            action: 'api-key.revoked',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { id: revoked.id },
          });
          return revoked;
        });
        if (!row) throw HttpProblem.notFound(things.apiKey);
        const { keyHash: _hash, ...rest } = row;
        return view({ ...rest, keyHash: '' });
      },
    );
  };
}
