import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { departments, notifications, users } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * 全部标为已读: one action marks every notice of the caller read — the caller's alone. A notice to a role is read by
 * each holder on their own, a notice to a colleague by name or to another department is untouched, and one that
 * arrived after the newest the caller saw (`upTo`) stays unread. Bad input is a 400 naming the field.
 */
let stack: TestStack;
const tag = randomUUID().slice(0, 8);
const mine = `ra-${tag}`;
const theirs = `rb-${tag}`;
let reader: Record<string, string>;
let colleague: Record<string, string>;
let other: Record<string, string>;
const base = Date.now() - 60_000;
const id = (n: string) => `read-all-${tag}-${n}`;

beforeAll(async () => {
  stack = await startStack();
  const passwordHash = await hashPassword('demo1234');
  const department = (d: string, nameZh: string) => ({ id: d, nameZh, nameEn: nameZh, kind: 'department' as const, level: 'province' as const, jurisdiction: 'hebei', authorityId: 'hb-data', governmentId: 'hb-gov', upperAuthorityId: 'nda' });
  await stack.db.insert(departments).values([department(mine, '测试甲厅'), department(theirs, '测试乙厅')]);
  await stack.db.insert(users).values([
    { id: `u-${mine}-a`, username: `${mine}.a`, displayName: '甲', departmentId: mine, roles: ['requester', 'provider'], passwordHash },
    { id: `u-${mine}-b`, username: `${mine}.b`, displayName: '乙', departmentId: mine, roles: ['requester'], passwordHash },
    { id: `u-${theirs}-c`, username: `${theirs}.c`, displayName: '丙', departmentId: theirs, roles: ['requester', 'provider'], passwordHash },
  ]);
  const notice = (n: string, to: { departmentId: string; role?: string; userId?: string }, atMs: number) => ({
    id: id(n),
    recipientDepartmentId: to.departmentId,
    recipientRole: to.role ?? null,
    recipientUserId: to.userId ?? null,
    kind: 'task.assigned',
    titleZh: `通知 ${n}`,
    titleEn: `Notice ${n}`,
    createdAt: new Date(atMs),
  });
  await stack.db.insert(notifications).values([
    notice('provider-role', { departmentId: mine, role: 'provider' }, base),
    notice('requester-role', { departmentId: mine, role: 'requester' }, base + 1_000),
    notice('colleague-by-name', { departmentId: mine, userId: `u-${mine}-b` }, base + 2_000),
    notice('other-department', { departmentId: theirs, role: 'requester' }, base + 3_000),
    notice('arrived-later', { departmentId: mine, role: 'requester' }, base + 30_000),
  ]);
  reader = await loginAs(stack.app, `${mine}.a`);
  colleague = await loginAs(stack.app, `${mine}.b`);
  other = await loginAs(stack.app, `${theirs}.c`);
});
afterAll(() => stack?.stop());

const unread = async (headers: Record<string, string>) =>
  ((await stack.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers })).json() as { id: string }[]).map((n) => n.id).sort();
const readAll = (headers: Record<string, string>, payload: Record<string, unknown> = {}) =>
  stack.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers, payload });

describe('mark all read (全部标为已读)', () => {
  it('marks the caller’s own notices read up to the newest it saw, and nobody else’s', async () => {
    expect(await unread(reader)).toEqual([id('arrived-later'), id('provider-role'), id('requester-role')].sort());
    const before = { colleague: await unread(colleague), other: await unread(other) };
    expect(before.colleague).toEqual([id('arrived-later'), id('colleague-by-name'), id('requester-role')].sort());

    const upTo = new Date(base + 10_000).toISOString();
    const first = await readAll(reader, { upTo });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().marked).toBe(2);
    // What arrived after the newest notice the person saw stays unread.
    expect(await unread(reader)).toEqual([id('arrived-later')]);
    // A notice to a role is read by each holder on their own; a colleague's and another department's are untouched.
    expect(await unread(colleague)).toEqual(before.colleague);
    expect(await unread(other)).toEqual(before.other);

    const rest = await readAll(reader);
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().marked).toBe(1);
    expect(await unread(reader)).toEqual([]);
    // Again: nothing left to mark, nothing changes.
    expect((await readAll(reader)).json().marked).toBe(0);
    expect(await unread(colleague)).toEqual(before.colleague);
    expect(await unread(other)).toEqual(before.other);
    // Read states are the caller's: the colleague still has the role's notice, and reads it when it will.
    const listed = (await stack.app.inject({ method: 'GET', url: '/api/notifications', headers: reader })).json() as { id: string; readAt: string | null }[];
    expect(listed.filter((n) => n.id.startsWith(`read-all-${tag}`)).every((n) => n.readAt !== null)).toBe(true);
  });

  it('answers bad input with a 400 naming the field, and no caller with a 401', async () => {
    for (const upTo of ['yesterday', '2025-02-30T00:00:00Z', 12]) {
      const bad = await readAll(colleague, { upTo });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.upTo');
    }
    const unknown = await readAll(colleague, { all: true });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().errors)).toContain('all');
    expect((await stack.app.inject({ method: 'POST', url: '/api/notifications/read-all', payload: {} })).statusCode).toBe(401);
    // Nothing of the colleague's was marked by the refused requests.
    expect(await unread(colleague)).toEqual([id('arrived-later'), id('colleague-by-name'), id('requester-role')].sort());
  });
});
