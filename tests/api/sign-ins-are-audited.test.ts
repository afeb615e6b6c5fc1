import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { auditLog, users } from '../../db/schema';
import { startStack, testSecurity, type TestStack } from '../support/stack';

/** Who signed in from where, and who tried and failed, are in the audit trail (they were not recorded at all). */
let stack: TestStack;
const limit = 5;

beforeAll(async () => {
  stack = await startStack({ ...testSecurity, loginAttemptsPerAddressPerMinute: limit });
});
afterAll(() => stack?.stop());

async function newUser(): Promise<{ id: string; username: string }> {
  const username = `signin.${randomUUID().slice(0, 8)}`;
  const id = `u-${username}`;
  await stack.db.insert(users).values({ id, username, displayName: '登录审计', departmentId: 'hb-rst', roles: ['requester'], passwordHash: await hashPassword('demo1234') });
  return { id, username };
}

const signIn = (username: string, password: string, remoteAddress: string) =>
  stack.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

const rowsNamed = (action: string, key: 'username' | 'address', value: string) =>
  stack.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(sql`${auditLog.details}->>${key}`, value)));

describe('sign-ins are audited', () => {
  it('a successful sign-in: the user, the department, the session and the address', async () => {
    const { id, username } = await newUser();
    const address = '192.0.2.10';
    const answer = await signIn(username, 'demo1234', address);
    expect(answer.statusCode, answer.body).toBe(200);
    const rows = await stack.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.signed-in'), eq(auditLog.actorUserId, id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: id, actorDepartmentId: 'hb-rst', details: { address, sessionId: expect.any(String) } });
  });

  it('a failed sign-in: the name as given and the address, for a known and an unknown name alike', async () => {
    const { id, username } = await newUser();
    const address = '192.0.2.20';
    expect((await signIn(username, 'not-the-password', address)).statusCode).toBe(401);
    const unknown = `nobody.${randomUUID().slice(0, 8)}`;
    expect((await signIn(unknown, 'whatever', address)).statusCode).toBe(401);
    for (const name of [username, unknown]) {
      const rows = await rowsNamed('auth.sign-in-failed', 'username', name);
      expect(rows, name).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorUserId: null, actorDepartmentId: null, details: { username: name, address } });
    }
    expect(await stack.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.signed-in'), eq(auditLog.actorUserId, id)))).toHaveLength(0);
  });

  it('failures past the per-address limit are refused before they are recorded', async () => {
    const address = '192.0.2.30';
    const statuses: number[] = [];
    for (let i = 0; i < limit + 5; i++) statuses.push((await signIn(`spray.${randomUUID().slice(0, 8)}`, 'Password1', address)).statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(await rowsNamed('auth.sign-in-failed', 'address', address)).toHaveLength(limit);
  });
});
