import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { sessions, users } from '../../db/schema';
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
    expect(changed.json()).toEqual({ sessionsEnded: 1 });
    expect(await me(elsewhere)).toBe(401);
    expect(await me(here)).toBe(200);
    expect((await signIn(username)).statusCode).toBe(401);
    expect((await signIn(username, '河北数据共享-2025')).statusCode).toBe(200);
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
