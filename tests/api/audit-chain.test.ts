import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let admin: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  admin = await loginAs(stack.app, 'admin');
});
afterAll(() => stack?.stop());

describe('the hash-chained audit trail', () => {
  it('refuses changes outright, and when a row is altered behind the trigger’s back, verify names the first broken link', async () => {
    const civil = await loginAs(stack.app, 'mzt.li');
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: civil,
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '审计链测试：核验市场主体登记' },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const before = (await stack.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin })).json();
    expect(before.intact).toBe(true);

    const [victim] = await stack.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    await expect(stack.db.update(auditLog).set({ action: 'forged' }).where(eq(auditLog.id, victim!.id))).rejects.toThrow();

    try {
      await stack.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await stack.db.update(auditLog).set({ details: { ...victim!.details, forged: true } }).where(eq(auditLog.id, victim!.id));
      await stack.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      const broken = (await stack.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin })).json();
      expect(broken).toMatchObject({ intact: false, firstBrokenId: victim!.id });
    } finally {
      await stack.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await stack.db.update(auditLog).set({ details: victim!.details }).where(eq(auditLog.id, victim!.id));
      await stack.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    }
    const restored = (await stack.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin })).json();
    expect(restored.intact).toBe(true);
  });

  it('shows the trail only to supervisors and admins', async () => {
    const civil = await loginAs(stack.app, 'mzt.li');
    expect((await stack.app.inject({ method: 'GET', url: '/api/audit', headers: civil })).statusCode).toBe(403);
    const rows = (await stack.app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: admin })).json();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
