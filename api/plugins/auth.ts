import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../../db/client';
import { apiKeys, departments, sessions, users, type Role } from '../../db/schema';
import { HttpProblem } from '../problem';

/** The signed-in caller, with the department it acts for. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: Role[];
  department: typeof departments.$inferSelect;
  /** Set when a department system calls with an API key; the key acts for the user who created it. */
  apiKeyId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

const sessionLifetimeMs = 12 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session and returns its bearer token; only the token's hash is stored. */
export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

function toAuthUser(row: { user: typeof users.$inferSelect; department: typeof departments.$inferSelect } | undefined): AuthUser | undefined {
  if (!row) return undefined;
  const { passwordHash: _secret, createdAt: _created, ...user } = row.user;
  return { ...user, department: row.department };
}

export async function loadUser(db: Db, userId: string): Promise<AuthUser | undefined> {
  const rows = await db
    .select({ user: users, department: departments })
    .from(users)
    .innerJoin(departments, eq(users.departmentId, departments.id))
    .where(eq(users.id, userId));
  return toAuthUser(rows[0]);
}

/** API keys look like `gdsk_<id>_<secret>`. */
export const apiKeyPrefix = 'gdsk_';

async function userForApiKey(db: Db, token: string): Promise<AuthUser | undefined> {
  const id = token.slice(apiKeyPrefix.length).split('_')[0] ?? '';
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.keyHash, hashToken(token)), isNull(apiKeys.revokedAt)));
  if (!key) return undefined;
  const creator = await loadUser(db, key.createdBy);
  if (!creator || creator.departmentId !== key.departmentId) return undefined;
  // To the minute: a key under load would otherwise write (and lock) its row on every request.
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
  }
  return { ...creator, roles: key.roles.filter((r) => creator.roles.includes(r)), apiKeyId: key.id };
}

async function userForToken(db: Db, token: string): Promise<AuthUser | undefined> {
  if (token.startsWith(apiKeyPrefix)) return userForApiKey(db, token);
  // One round trip per request: the session, its user and the user's department together.
  const found = await db
    .select({ user: users, department: departments })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(departments, eq(users.departmentId, departments.id))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())));
  return toAuthUser(found[0]);
}

const publicPaths = new Set(['/api/auth/login']);

/** Every `/api/*` route needs a valid bearer token, except signing in. */
export function installAuthentication(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // The route the router matched, not the raw URL: `/%61pi/catalogue` is routed to /api/catalogue too.
    const path = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || publicPaths.has(path)) return;
    const header = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : typeof apiKey === 'string' ? apiKey.trim() : undefined;
    if (!token) throw HttpProblem.unauthorized();
    const user = await userForToken(db, token);
    if (!user) throw HttpProblem.unauthorized('The session has expired or the token is not valid');
    request.user = user;
  });
}

/** The caller; routes under `/api` always have one. */
export function caller(request: FastifyRequest): AuthUser {
  if (!request.user) throw HttpProblem.unauthorized();
  return request.user;
}

/** A route's declared roles: the caller must hold at least one. */
export function allow(...allowed: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const user = caller(request);
    if (!user.roles.some((r) => allowed.includes(r))) {
      throw HttpProblem.forbidden(`This action needs one of the roles: ${allowed.join(', ')}`);
    }
  };
}
