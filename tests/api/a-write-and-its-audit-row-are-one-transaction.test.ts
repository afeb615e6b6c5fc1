import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { apiKeys, calendarYears, departments, departmentWebhooks, requests, users } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * Every write route, with the audit insert made to fail: the write must not be left behind. The failure is real
 * Postgres: a test-only trigger refuses audit rows whose actor is listed in a test-only table, and only this file's
 * own users are ever listed, so other files running at the same time are untouched.
 */
let stack: TestStack;
let clerk: { id: string; headers: Record<string, string> };
let supervisor: { id: string; headers: Record<string, string> };
const suffix = randomUUID().slice(0, 8);
const department = `t-audit-${suffix}`;

async function user(departmentId: string, roles: (typeof users.$inferInsert)['roles']) {
  const id = `u-test-audit-${randomUUID().slice(0, 8)}`;
  await stack.db.insert(users).values({ id, username: id, displayName: '审计测试', departmentId, roles, passwordHash: await hashPassword('demo1234') });
  return { id, headers: await loginAs(stack.app, id) };
}

beforeAll(async () => {
  stack = await startStack();
  await stack.db.execute(sql`create table if not exists test_audit_refusals (actor_user_id text primary key)`);
  await stack.db.execute(sql.raw(`
    create or replace function test_refuse_audit() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from test_audit_refusals where actor_user_id = new.actor_user_id) then
        raise exception 'audit write refused by the test' using errcode = 'check_violation';
      end if;
      return new;
    end $$`));
  await stack.db.execute(sql`create or replace trigger test_refuse_audit before insert on audit_log for each row execute function test_refuse_audit()`);
  await stack.db.insert(departments).values({
    id: department,
    nameZh: '审计测试厅',
    nameEn: 'Audit test department',
    kind: 'department',
    level: 'province',
    jurisdiction: 'hebei',
    authorityId: 'hb-data',
    governmentId: 'hb-gov',
    upperAuthorityId: 'nda',
  });
  clerk = await user(department, ['requester', 'provider']);
  // A keeper of the national calendar, the only one who may publish a national year.
  supervisor = await user('nda', ['authority-supervisor']);
});
afterEach(async () => {
  await stack.db.execute(sql`delete from test_audit_refusals`);
});
afterAll(() => stack?.stop());

const refuseAuditOf = (who: { id: string }) => stack.db.execute(sql`insert into test_audit_refusals values (${who.id}) on conflict do nothing`);

describe('a write whose audit row cannot be written leaves nothing changed', () => {
  it('creating an API key', async () => {
    await refuseAuditOf(clerk);
    const name = `审计失败的密钥 ${suffix}`;
    const created = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: clerk.headers, payload: { name, roles: ['requester'] } });
    expect(created.statusCode).toBeGreaterThanOrEqual(500);
    expect(await stack.db.select().from(apiKeys).where(eq(apiKeys.name, name))).toHaveLength(0);
  });

  it('revoking an API key', async () => {
    const created = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: clerk.headers, payload: { name: `待吊销 ${suffix}`, roles: ['requester'] } });
    expect(created.statusCode).toBe(201);
    await refuseAuditOf(clerk);
    const revoked = await stack.app.inject({ method: 'DELETE', url: `/api/api-keys/${created.json().id}`, headers: clerk.headers });
    expect(revoked.statusCode).toBeGreaterThanOrEqual(500);
    const [row] = await stack.db.select().from(apiKeys).where(eq(apiKeys.id, created.json().id));
    expect(row?.revokedAt).toBeNull();
  });

  // Webhook URLs are public IP literals: a URL must reach a public address, and a host name would need DNS.
  it('setting a webhook', async () => {
    await refuseAuditOf(clerk);
    const set = await stack.app.inject({
      method: 'PUT',
      url: `/api/departments/${department}/webhook`,
      headers: clerk.headers,
      payload: { url: 'https://93.184.216.34/audit-test' },
    });
    expect(set.statusCode).toBeGreaterThanOrEqual(500);
    expect(await stack.db.select().from(departmentWebhooks).where(eq(departmentWebhooks.departmentId, department))).toHaveLength(0);
  });

  it('turning a webhook off', async () => {
    const set = await stack.app.inject({
      method: 'PUT',
      url: `/api/departments/${department}/webhook`,
      headers: clerk.headers,
      payload: { url: 'https://93.184.216.34/audit-test-off' },
    });
    expect(set.statusCode).toBe(200);
    await refuseAuditOf(clerk);
    const off = await stack.app.inject({ method: 'DELETE', url: `/api/departments/${department}/webhook`, headers: clerk.headers });
    expect(off.statusCode).toBeGreaterThanOrEqual(500);
    const [hook] = await stack.db.select().from(departmentWebhooks).where(eq(departmentWebhooks.departmentId, department));
    expect(hook?.active).toBe(true);
    // Left off for good, so no notice is ever sent to it.
    await stack.db.execute(sql`delete from test_audit_refusals`);
    expect((await stack.app.inject({ method: 'DELETE', url: `/api/departments/${department}/webhook`, headers: clerk.headers })).statusCode).toBe(200);
  });

  it('publishing a calendar year', async () => {
    await refuseAuditOf(supervisor);
    const published = await stack.app.inject({
      method: 'PUT',
      url: '/api/calendar/2033',
      headers: supervisor.headers,
      payload: {
        year: 2033,
        notice: { title: '国务院办公厅关于2033年部分节假日安排的通知', documentNumber: '国办发明电〔2032〕0号', issuer: '国务院办公厅' },
        festivals: [{ festival: 'newYear', offDays: ['2033-01-01'], makeUpDays: [] }],
      },
    });
    expect(published.statusCode).toBeGreaterThanOrEqual(500);
    expect(await stack.db.select().from(calendarYears).where(eq(calendarYears.year, 2033))).toHaveLength(0);
  });

  it('submitting a case', async () => {
    await refuseAuditOf(clerk);
    const key = `audit-refused-${suffix}`;
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: { ...clerk.headers, 'idempotency-key': key },
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '审计写入失败时不留下案件' },
    });
    expect(submitted.statusCode).toBeGreaterThanOrEqual(500);
    expect(await stack.db.select().from(requests).where(eq(requests.idempotencyKey, key))).toHaveLength(0);
  });
});
