import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { apiEventKey, appendAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { hashPassword, verifyPassword } from '../../db/password';
import { apiKeys, sessions, users } from '../../db/schema';
import { userAgentMaxLength } from '../auth/credentials';
import { passwordWeakness } from '../auth/password-policy';
import { storableLabel } from '../input/text-rules';
import { caller, peopleOnly } from '../plugins/auth';
import type { ResolvedSecurityOptions } from '../plugins/security';
import { HttpProblem } from '../problem';
import { ProblemSchema, problemResponses } from '../schemas/common';
import { text, things } from '../problem-text';

const SessionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String(),
  lastSeenAt: Type.String({ description: 'Last request, to the minute' }),
  expiresAt: Type.String({ description: 'When it ends unless used: the earlier of its lifetime and its idle time' }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean({ description: 'The session of this request' }),
});
const SessionParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const PasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

/**
 * A person's own sessions: signing out (the session is revoked on the server, not only forgotten by the browser),
 * listing and revoking the others, and changing the password, which ends every other session. API keys are refused:
 * these belong to the person.
 */
export function sessionRoutes(db: Db, security: Pick<ResolvedSecurityOptions, 'sessionIdleMinutes' | 'loginAttemptsPerMinute'>) {
  const idleMs = security.sessionIdleMinutes * 60_000;
  const active = (userId: string, now: Date) =>
    and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)));

  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['auth'];

    api.post(
      '/api/auth/logout',
      { preHandler: peopleOnly, schema: { tags, summary: '退出登录 Sign out: the session ends on the server', response: { 204: Type.Null(), ...problemResponses } } },
      async (request, reply) => {
        const user = caller(request);
        await revoke(user.id, user.sessionId!, user.departmentId, 'logout');
        return reply.status(204).send(null);
      },
    );

    api.get(
      '/api/auth/sessions',
      { preHandler: peopleOnly, schema: { tags, summary: '我的会话 The caller’s active sessions, newest first', response: { 200: Type.Array(SessionView), ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const now = new Date();
        const rows = await db.select().from(sessions).where(active(user.id, now)).orderBy(desc(sessions.createdAt));
        return rows.map((s) => ({
          id: s.id,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: new Date(Math.min(s.expiresAt.getTime(), s.lastSeenAt.getTime() + idleMs)).toISOString(),
          // Cleaned again on the way out: a session stored before the rule may hold anything.
          userAgent: storableLabel(s.userAgent, userAgentMaxLength),
          current: s.id === user.sessionId,
        }));
      },
    );

    api.delete(
      '/api/auth/sessions/:id',
      { preHandler: peopleOnly, schema: { tags, summary: '结束会话 End one of the caller’s sessions', params: SessionParams, response: { 204: Type.Null(), ...problemResponses } } },
      async (request, reply) => {
        const user = caller(request);
        if (!(await revoke(user.id, request.params.id, user.departmentId, 'revoked'))) throw HttpProblem.notFound(things.session);
        return reply.status(204).send(null);
      },
    );

    api.post(
      '/api/auth/password',
      {
        preHandler: peopleOnly,
        // A stolen session must not become a way to guess the password.
        config: { rateLimit: { max: security.loginAttemptsPerMinute, timeWindow: '1 minute', keyGenerator: (request) => `password:${request.user?.id ?? request.ip}` } },
        schema: {
          tags,
          summary: '修改密码 Change the password (current and new); every other session ends, every API key the user created is revoked',
          body: PasswordBody,
          response: {
            200: Type.Object({
              sessionsEnded: Type.Integer({ description: 'Other sessions of the user, ended' }),
              keysRevoked: Type.Integer({ description: 'API keys the user created, revoked (a department system using one needs a new key)' }),
            }),
            422: ProblemSchema,
            ...problemResponses,
          },
        },
      },
      async (request) => {
        const user = caller(request);
        const { currentPassword, newPassword } = request.body;
        const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
        if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
          throw HttpProblem.unprocessable('body.currentPassword', text('当前密码不正确', 'is not the current password'));
        }
        const weakness = passwordWeakness(newPassword, user.username);
        if (weakness) throw HttpProblem.unprocessable('body.newPassword', weakness);
        if (newPassword === currentPassword) throw HttpProblem.unprocessable('body.newPassword', text('不能与当前密码相同', 'must differ from the current password'));
        const passwordHash = await hashPassword(newPassword);
        const at = new Date();
        const ended = await db.transaction(async (tx) => {
          await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
          const others = await tx
            .update(sessions)
            .set({ revokedAt: at })
            .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), ne(sessions.id, user.sessionId!)))
            .returning({ id: sessions.id });
          // A thief who held a session may have made a key to come back with: every live key this user created goes too.
          const keys = await tx
            .update(apiKeys)
            .set({ revokedAt: at })
            .where(and(eq(apiKeys.createdBy, user.id), isNull(apiKeys.revokedAt)))
            .returning({ id: apiKeys.id, departmentId: apiKeys.departmentId });
          for (const key of keys) {
            await appendAudit(tx, {
              eventKey: `api-key.revoked:${key.id}`,
              at,
              action: 'api-key.revoked',
              actorUserId: user.id,
              actorDepartmentId: user.departmentId,
              details: { id: key.id, because: 'auth.password-changed' },
            });
          }
          await appendAudit(tx, {
            eventKey: apiEventKey('auth.password-changed', user.id),
            at,
            action: 'auth.password-changed',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { sessionsEnded: others.length, keysRevoked: keys.map((k) => k.id) },
          });
          return { sessionsEnded: others.length, keysRevoked: keys.length };
        });
        return ended;
      },
    );
  };

  /** Revokes one of the user's own live sessions with its audit row; false when there is none by that id. */
  async function revoke(userId: string, sessionId: string, departmentId: string, how: 'logout' | 'revoked'): Promise<boolean> {
    const at = new Date();
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      if (!row) return false;
      await appendAudit(tx, {
        eventKey: `auth.session-ended:${row.id}`,
        at,
        action: how === 'logout' ? 'auth.signed-out' : 'auth.session-revoked',
        actorUserId: userId,
        actorDepartmentId: departmentId,
        details: { sessionId: row.id },
      });
      return true;
    });
  }
}
