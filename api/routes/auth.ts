import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiEventKey, appendAudit } from '../../db/audit';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../../db/password';
import { caller, createSession, loadUser } from '../plugins/auth';
import { HttpProblem } from '../problem';
import type { ResolvedSecurityOptions } from '../plugins/security';
import { problemResponses } from '../schemas/common';
import { text } from '../problem-text';

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  departmentId: Type.String(),
  departmentNameZh: Type.String(),
  departmentNameEn: Type.String(),
  departmentJurisdiction: Type.String({ description: 'The region of the user’s department: the calendar it works on' }),
  roles: Type.Array(Type.String()),
});

export function authRoutes(db: Db, security: ResolvedSecurityOptions) {
  // An unknown user name is checked against this hash (same scrypt parameters as real ones), so that it takes as
  // long to refuse as a wrong password: the answer's timing does not tell which user names exist.
  const unknownUserHash = hashPassword(randomBytes(16).toString('base64url'));
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    await unknownUserHash;
    const perAddress = app.createRateLimit({
      max: security.loginAttemptsPerAddressPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `login:${request.ip}`,
    });

    api.post(
      '/api/auth/login',
      {
        // Against password spraying: a budget per address across user names, counted before the body is read. (A
        // second `app.rateLimit()` handler would be skipped: the plugin runs one limit per request.)
        onRequest: async (request, reply) => {
          const attempt = await perAddress(request);
          if (!attempt.isAllowed && attempt.isExceeded) {
            void reply.header('retry-after', String(attempt.ttlInSeconds));
            throw HttpProblem.tooMany(
              text(
                `此地址一分钟内登录尝试超过 ${attempt.max} 次，请 ${attempt.ttlInSeconds} 秒后再试`,
                `More than ${attempt.max} sign-in attempts from this address in a minute; try again in ${attempt.ttlInSeconds} s`,
              ),
            );
          }
        },
        config: {
          public: true,
          // Against guessing one user's password: a budget per address and user name, far below the general limit.
          rateLimit: {
            max: security.loginAttemptsPerMinute,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (request: { ip: string; body?: unknown }) => `login:${request.ip}:${String((request.body as { username?: unknown } | undefined)?.username ?? '')}`,
          },
        },
        schema: { tags: ['auth'], body: LoginBody, response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserView }), ...problemResponses } },
      },
      async (request) => {
        const found = await db.select().from(users).where(eq(users.username, request.body.username));
        const row = found[0];
        const matches = await verifyPassword(request.body.password, row?.passwordHash ?? (await unknownUserHash));
        const at = new Date();
        if (!row || !matches) {
          // The name as given (known or not: the row says no more than the answer did), and the address. As many rows
          // as the per-address sign-in limit lets attempts through.
          await appendAudit(db, {
            eventKey: apiEventKey('auth.sign-in-failed', request.ip),
            at,
            action: 'auth.sign-in-failed',
            details: { username: request.body.username, address: request.ip },
          });
          throw HttpProblem.unauthorized(text('用户名或密码错误', 'Wrong user name or password'));
        }
        // The session and its audit row commit together.
        const session = await db.transaction(async (tx) => {
          const created = await createSession(tx, row.id, request.headers['user-agent']);
          await appendAudit(tx, {
            eventKey: apiEventKey('auth.signed-in', created.id),
            at,
            action: 'auth.signed-in',
            actorUserId: row.id,
            actorDepartmentId: row.departmentId,
            details: { sessionId: created.id, address: request.ip },
          });
          return created;
        });
        const user = (await loadUser(db, row.id))!;
        return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: userView(user) };
      },
    );

    api.get('/api/me', { schema: { tags: ['auth'], response: { 200: UserView, ...problemResponses } } }, async (request) =>
      userView(caller(request)),
    );
  };
}

function userView(user: NonNullable<Awaited<ReturnType<typeof loadUser>>>) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    departmentNameZh: user.department.nameZh,
    departmentNameEn: user.department.nameEn,
    departmentJurisdiction: user.department.jurisdiction,
    roles: user.roles,
  };
}
