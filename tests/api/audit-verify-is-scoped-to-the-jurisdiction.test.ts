import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const verify = async (headers: Record<string, string>) => (await stack.app.inject({ method: 'GET', url: '/api/audit/verify', headers })).json();

describe('verifying the audit chain', () => {
  it('reports to a province’s supervisor only the rows of its jurisdiction, and the whole chain to an admin', async () => {
    const hebeiPerson = await loginAs(stack.app, 'mzt.li');
    // A Hebei row: the key's creation, by a Hebei department.
    const key = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: hebeiPerson, payload: { name: '审计范围测试', roles: ['requester'] } });
    const [hebeiRow] = await stack.db.select().from(auditLog).where(eq(auditLog.eventKey, `api-key.created:${key.json().id}`));
    // And an Anhui one, so that each province has rows the other does not.
    await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: await loginAs(stack.app, 'ah-gat.he'), payload: { name: '审计范围测试', roles: ['requester'] } });

    const anhui = await verify(await loginAs(stack.app, 'ah-data.xu'));
    const hebei = await verify(await loginAs(stack.app, 'data.zhao'));
    const all = await verify(await loginAs(stack.app, 'admin'));
    expect(anhui).toMatchObject({ intact: true, scope: 'anhui' });
    expect(hebei).toMatchObject({ intact: true, scope: 'hebei' });
    expect(all).toMatchObject({ intact: true, scope: 'all' });
    expect(anhui.lastHash).not.toBe(hebeiRow!.hash);
    expect(anhui.rows).toBeLessThan(all.rows);
    expect(hebei.rows).toBeLessThan(all.rows);
    expect(anhui.rows).toBeGreaterThan(0);

    // A forged Hebei row is Hebei's (and the whole chain's) broken link, and nothing Anhui's supervisor is told of.
    try {
      await stack.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await stack.db.update(auditLog).set({ details: { ...hebeiRow!.details, forged: true } }).where(eq(auditLog.id, hebeiRow!.id));
      await stack.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      expect(await verify(await loginAs(stack.app, 'data.zhao'))).toMatchObject({ intact: false, firstBrokenId: hebeiRow!.id });
      expect(await verify(await loginAs(stack.app, 'ah-data.xu'))).toMatchObject({ intact: true, scope: 'anhui' });
    } finally {
      await stack.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await stack.db.update(auditLog).set({ details: hebeiRow!.details }).where(eq(auditLog.id, hebeiRow!.id));
      await stack.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    }
  });
});
