import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiKeys, departments, sessions, users, type Role } from '../../db/schema';
import { storableLabel } from '../input/text-rules';

/** A transaction of `Db`. */
type DbTx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The signed-in caller, with the department it acts for. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: Role[];
  department: typeof departments.$inferSelect;
  /** Set when a department system calls with an API key; the key acts for the user who created it, with the key's roles. */
  apiKeyId?: string;
  /** Set when a person calls with a session token: the session's public id. */
  sessionId?: string;
}

/** A session lives at most this long, however active. */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;

/** `lastSeenAt` (of a session, of a key) is written at most once a minute: under load it would otherwise lock its row on every request. */
const touchEveryMs = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session and returns its bearer token; only the token's hash is stored. */
/** The longest User-Agent kept with a session, in code points. */
export const userAgentMaxLength = 200;

export async function createSession(db: Db | DbTx, userId: string, userAgent?: string): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  const [row] = await db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId, expiresAt, userAgent: storableLabel(userAgent, userAgentMaxLength) })
    .returning({ id: sessions.id });
  return { token, id: row!.id, expiresAt };
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

async function userForApiKey(db: Db, token: string, now: Date): Promise<AuthUser | undefined> {
  const id = token.slice(apiKeyPrefix.length).split('_')[0] ?? '';
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.keyHash, hashToken(token)), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))));
  if (!key) return undefined;
  const creator = await loadUser(db, key.createdBy);
  if (!creator || creator.departmentId !== key.departmentId) return undefined;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= touchEveryMs) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
  }
  return { ...creator, roles: key.roles.filter((r) => creator.roles.includes(r)), apiKeyId: key.id };
}

async function userForSession(db: Db, token: string, idleMs: number, now: Date): Promise<AuthUser | undefined> {
  // One round trip per request: the session, its user and the user's department together.
  const [found] = await db
    .select({ user: users, department: departments, sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .innerJoin(departments, eq(users.departmentId, departments.id))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
      ),
    );
  if (!found) return undefined;
  if (now.getTime() - found.lastSeenAt.getTime() >= touchEveryMs) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, found.sessionId));
  }
  return { ...toAuthUser(found)!, sessionId: found.sessionId };
}

/** The caller a bearer token or API key stands for, or undefined when it is unknown, expired, idle too long or revoked. */
export function userForToken(db: Db, token: string, idleMs: number, now = new Date()): Promise<AuthUser | undefined> {
  return token.startsWith(apiKeyPrefix) ? userForApiKey(db, token, now) : userForSession(db, token, idleMs, now);
}
