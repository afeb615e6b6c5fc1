import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { auditLog, sessions, users } from '../../db/schema';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ ...testSecurity, sessionIdleMinutes: 30 });
});
afterAll(() => stack?.stop());

/** A user of this test's own: changing a seeded user's password would sign other test files out. */
async function newUser(password = 'demo1234'): Promise<string> {
  const username = `sess.${randomUUID().slice(0, 8)}`;
  await stack.db.insert(users).values({ id: `u-${username}`, username, displayName: '会话测试', departmentId: 'hb-rst', roles: ['requester'], passwordHash: await hashPassword(password) });
  return username;
}

const signIn = (username: string, password = 'demo1234', userAgent = 'vitest') =>
  stack.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': userAgent }, payload: { username, password } });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = async (headers: Record<string, string>) => (await stack.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode;

describe('sessions', () => {
  it('end on the server when the user signs out', async () => {
    const username = await newUser();
    const token = (await signIn(username)).json().token;
    expect(await me(bearer(token))).toBe(200);
    expect((await stack.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(204);
    expect(await me(bearer(token))).toBe(401);
    expect((await stack.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('are listed to their user, who may end any of them, and to no one else', async () => {
    const username = await newUser();
    const laptop = (await signIn(username, 'demo1234', '笔记本 Firefox')).json().token;
    const tablet = (await signIn(username, 'demo1234', '平板 Safari')).json().token;
    const listed = await stack.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: bearer(laptop) });
    expect(listed.statusCode).toBe(200);
    const list = listed.json() as { id: string; current: boolean; userAgent: string }[];
    expect(list.map((s) => [s.userAgent, s.current]).sort()).toEqual([['平板 Safari', false], ['笔记本 Firefox', true]].sort());
    expect(JSON.stringify(list)).not.toContain(tablet);
    const tabletSession = list.find((s) => !s.current)!;

    const someoneElse = await loginAs(stack.app, 'mzt.li');
    expect((await stack.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${tabletSession.id}`, headers: someoneElse })).statusCode).toBe(404);
    expect(await me(bearer(tablet))).toBe(200);
    expect((await stack.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${tabletSession.id}`, headers: bearer(laptop) })).statusCode).toBe(204);
    expect(await me(bearer(tablet))).toBe(401);
    expect(await me(bearer(laptop))).toBe(200);
  });

  it('keep the User-Agent only as a line of text: no control or format characters, at most 200 characters', async () => {
    const username = await newUser();
    const token = (await signIn(username, 'demo1234', 'Mozilla/5.0 \x9b31mred\x85 next\xad\x9d\xa0 end' + 'x'.repeat(1000))).json().token;
    const list = (await stack.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: bearer(token) })).json() as { userAgent: string }[];
    const { userAgent } = list[0]!;
    expect(userAgent).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    expect(userAgent.startsWith('Mozilla/5.0 31mred next end')).toBe(true);
    expect(Array.from(userAgent)).toHaveLength(200);
    const [stored] = await stack.db.select({ userAgent: sessions.userAgent }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(users.username, username));
    expect(stored!.userAgent).toBe(userAgent);
    // One of nothing but control characters is no User-Agent at all.
    const blank = (await signIn(username, 'demo1234', '\x85\x9b\xad')).json().token;
    const again = (await stack.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: bearer(blank) })).json() as { userAgent: string | null; current: boolean }[];
    expect(again.find((s) => s.current)!.userAgent).toBeNull();
  });

  it('end after the idle time without a request', async () => {
    const username = await newUser();
    const token = (await signIn(username)).json().token;
    const [row] = await stack.db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(users.username, username));
    await stack.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 29 * 60_000) }).where(eq(sessions.id, row!.sessions.id));
    expect(await me(bearer(token))).toBe(200); // used within its idle time: it lives on, and its last use moves
    await stack.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.id, row!.sessions.id));
    expect(await me(bearer(token))).toBe(401);
  });

  it('other than the current one end when the password changes, which needs the current one and a strong new one', async () => {
    const username = await newUser();
    const here = bearer((await signIn(username)).json().token);
    const elsewhere = bearer((await signIn(username)).json().token);
    const change = (currentPassword: string, newPassword: string) =>
      stack.app.inject({ method: 'POST', url: '/api/auth/password', headers: here, payload: { currentPassword, newPassword } });

    const wrongCurrent = await change('not-it', 'Longer-and-better-42');
    expect(wrongCurrent.statusCode).toBe(422);
    expect(wrongCurrent.json().errors[0].path).toBe('body.currentPassword');
    for (const weak of ['short1', 'onlylettersxx', '1234567890123', `${username}-2025x`]) {
      const refused = await change('demo1234', weak);
      expect(refused.statusCode, weak).toBe(422);
      expect(refused.json().errors[0].path).toBe('body.newPassword');
    }
    expect(await me(elsewhere)).toBe(200);

    const changed = await change('demo1234', '河北数据共享-2025');
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ sessionsEnded: 1, keysRevoked: 0 });
    expect(await me(elsewhere)).toBe(401);
    expect(await me(here)).toBe(200);
    expect((await signIn(username)).statusCode).toBe(401);
    expect((await signIn(username, '河北数据共享-2025')).statusCode).toBe(200);
  });

  it('a password change also revokes the API keys the user created, a thief’s among them, each audited', async () => {
    const username = await newUser();
    const userId = `u-${username}`;
    const owner = bearer((await signIn(username)).json().token);
    const thief = bearer((await signIn(username, 'demo1234', 'thief')).json().token);
    const makeKey = (headers: Record<string, string>, name: string) =>
      stack.app.inject({ method: 'POST', url: '/api/api-keys', headers, payload: { name, roles: ['requester'] } });
    const planted = await makeKey(thief, '后门系统');
    expect(planted.statusCode, planted.body).toBe(201);
    const ownKey = (await makeKey(owner, '人社业务系统')).json();
    const colleague = await loginAs(stack.app, 'rst.liu');
    const colleaguesKey = (await makeKey(colleague, '同事的系统')).json();
    expect(await me({ 'x-api-key': planted.json().key })).toBe(200);

    const changed = await stack.app.inject({ method: 'POST', url: '/api/auth/password', headers: owner, payload: { currentPassword: 'demo1234', newPassword: '河北数据共享-2026' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ sessionsEnded: 1, keysRevoked: 2 });
    expect(await me(thief)).toBe(401);
    expect(await me({ 'x-api-key': planted.json().key })).toBe(401);
    expect(await me({ 'x-api-key': ownKey.key })).toBe(401);
    expect(await me({ 'x-api-key': colleaguesKey.key })).toBe(200);

    const rows = await stack.db.select().from(auditLog).where(and(eq(auditLog.actorUserId, userId), inArray(auditLog.action, ['api-key.revoked', 'auth.password-changed'])));
    expect(rows.filter((r) => r.action === 'api-key.revoked').map((r) => r.details.id).sort()).toEqual([planted.json().id, ownKey.id].sort());
    expect(rows.find((r) => r.action === 'auth.password-changed')!.details).toMatchObject({ sessionsEnded: 1, keysRevoked: expect.arrayContaining([planted.json().id, ownKey.id]) });
  });

  it('are a person’s: an API key can neither sign out, list sessions nor change a password', async () => {
    const person = await loginAs(stack.app, 'rst.liu');
    const key = (await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: person, payload: { name: '人社系统', roles: ['requester'] } })).json().key;
    const asKey = { 'x-api-key': key };
    const statuses = await Promise.all([
      stack.app.inject({ method: 'POST', url: '/api/auth/logout', headers: asKey }),
      stack.app.inject({ method: 'GET', url: '/api/auth/sessions', headers: asKey }),
      stack.app.inject({ method: 'POST', url: '/api/auth/password', headers: asKey, payload: { currentPassword: 'demo1234', newPassword: 'Whatever-it-is-99' } }),
    ]);
    expect(statuses.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect(await me(asKey)).toBe(200);
  });
});
