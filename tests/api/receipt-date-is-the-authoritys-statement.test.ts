import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptPolicyFromEnv } from '../../api/receipt';
import { auditLog, requests } from '../../db/schema';
import { createCatalogueEntry } from '../support/cases';
import { loginAs, startStack, type TestStack } from '../support/stack';
import { beijingDate } from '../support/fixtures';

let stack: TestStack;
let department: Record<string, string>;
let reviewer: Record<string, string>;
let supervisor: Record<string, string>;
let ownEntry = '';

beforeAll(async () => {
  stack = await startStack();
  department = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
  supervisor = await loginAs(stack.app, 'data.zhao');
  ownEntry = (await createCatalogueEntry(stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional' })).id;
});
afterAll(() => stack?.stop());

const day = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * day).toISOString();
let n = 0;
const key = () => `receipt-${Date.now()}-${n++}`;
const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown>, idempotencyKey = key()) =>
  stack.app.inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': idempotencyKey }, payload });
const stored = async (idempotencyKey: string) => stack.db.select().from(requests).where(eq(requests.idempotencyKey, idempotencyKey));

/** Every process's body, with its receipt field (a catalogue change also states the day the law or duties changed, which is not its receipt). */
const processes = [
  { url: '/api/share-requests', field: 'receivedAt', body: () => ({ catalogueEntryId: 'HB-SCJGJ-0001', scenario: '补录回溯到2016年的申请' }) },
  { url: '/api/quality-disputes', field: 'receivedAt', body: () => ({ catalogueEntryId: 'HB-SCJGJ-0001', description: '回溯登记的异议' }) },
  { url: '/api/catalogue-changes', field: 'receivedAt', body: () => ({ catalogueEntryId: ownEntry, trigger: 'law-change', changedAt: beijingDate(20), description: '回溯登记的目录变更' }) },
  { url: '/api/negative-list-applications', field: 'receivedAt', body: () => ({ catalogueEntryId: ownEntry, legalBasis: '《保守国家秘密法》第九条', reason: '回溯登记的负面清单申请' }) },
] as const;

describe('a receipt date is the receiving authority’s statement', () => {
  for (const { url, field, body } of processes) {
    it(`${url}: a department cannot backdate its own submission (403 naming body.${field}); nothing is stored`, async () => {
      const k = key();
      const backdated = await post(url, department, { ...body(), [field]: '2016-03-01T09:00:00+08:00', [`${field}Reason`]: '纸质件补录' }, k);
      expect(backdated.statusCode).toBe(403);
      expect(backdated.headers['content-type']).toContain('application/problem+json');
      expect(backdated.json().errors[0].path).toBe(`body.${field}`);
      expect(await stored(k)).toHaveLength(0);
    });
  }

  it('a department cannot register a submission for another department', async () => {
    const response = await post('/api/share-requests', department, { ...processes[0].body(), onBehalfOf: 'hb-gat' });
    expect(response.statusCode).toBe(403);
    expect(response.json().errors[0].path).toBe('body.onBehalfOf');
  });

  it('the authority’s reviewer registers a late receipt for a department under it, audited with who and why', async () => {
    const k = key();
    const receivedAt = daysAgo(30);
    const response = await post('/api/share-requests', reviewer, { ...processes[0].body(), receivedAt, receivedAtReason: '纸质申请件，窗口收件后补录', onBehalfOf: 'hb-mzt' }, k);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.requesterDepartmentId).toBe('hb-mzt');
    expect(created.receivedAt).toBe(receivedAt);
    const [audit] = await stack.db.select().from(auditLog).where(and(eq(auditLog.requestId, created.id), eq(auditLog.action, 'request.submitted')));
    expect(audit?.actorUserId).toBe('u-data-chen');
    expect(audit?.actorDepartmentId).toBe('hb-data');
    expect(audit?.details).toMatchObject({ receivedAt, registeredFor: 'hb-mzt', lateRegistration: { reason: '纸质申请件，窗口收件后补录', windowDays: 60, policy: 'local' } });
    // The department sees its case as its own.
    expect((await stack.app.inject({ method: 'GET', url: `/api/share-requests/${created.id}`, headers: department })).statusCode).toBe(200);
    // The same key with another receipt date is another request.
    const other = await post('/api/share-requests', reviewer, { ...processes[0].body(), receivedAt: daysAgo(31), receivedAtReason: '纸质申请件，窗口收件后补录', onBehalfOf: 'hb-mzt' }, k);
    expect(other.statusCode).toBe(409);
  });

  it('the reviewer registers a provider’s late catalogue change from the entry’s provider, without naming it', async () => {
    const receivedAt = daysAgo(10);
    const response = await post('/api/catalogue-changes', reviewer, { ...processes[2].body(), receivedAt, receivedAtReason: '纸质报送件，十日前收到' });
    expect(response.statusCode).toBe(201);
    expect(response.json().requesterDepartmentId).toBe('hb-mzt');
    expect(response.json().receivedAt).toBe(receivedAt);
    expect(response.json().details).toMatchObject({ changedAt: beijingDate(20) });
  });

  it('refuses the reviewer a date beyond the window, in the future, or without a reason, naming the field', async () => {
    const base = { ...processes[0].body(), receivedAtReason: '纸质件补录', onBehalfOf: 'hb-mzt' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, receivedAt: '2016-03-01T09:00:00+08:00' }, 400, 'body.receivedAt'],
      [{ ...base, receivedAt: daysAgo(61) }, 400, 'body.receivedAt'],
      [{ ...base, receivedAt: new Date(Date.now() + day).toISOString() }, 400, 'body.receivedAt'],
      [{ ...base, receivedAt: daysAgo(5), receivedAtReason: undefined }, 400, 'body.receivedAtReason'],
      [{ ...base, receivedAt: daysAgo(5), receivedAtReason: '    ' }, 400, 'body.receivedAtReason'],
      [{ ...base, receivedAt: daysAgo(5), onBehalfOf: undefined }, 400, 'body.onBehalfOf'],
      [{ ...base, receivedAt: daysAgo(5), onBehalfOf: 'ah-gat' }, 422, 'body.onBehalfOf'],
      [{ ...base, receivedAt: daysAgo(5), onBehalfOf: 'hb-scjgj' }, 422, 'body.catalogueEntryId'],
    ];
    for (const [payload, status, path] of cases) {
      const k = key();
      const response = await post('/api/share-requests', reviewer, payload, k);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().errors[0].path, JSON.stringify(payload)).toBe(path);
      expect(await stored(k)).toHaveLength(0);
    }
    const bySupervisor = await post('/api/share-requests', supervisor, { ...base, receivedAt: daysAgo(5) });
    expect(bySupervisor.statusCode).toBe(403);
  });

  it('takes the window from LATE_REGISTRATION_WINDOW_DAYS (local policy, 60 days by default), refusing a bad value at start-up', () => {
    expect(receiptPolicyFromEnv({})).toEqual({ windowDays: 60 });
    expect(receiptPolicyFromEnv({ LATE_REGISTRATION_WINDOW_DAYS: '15' })).toEqual({ windowDays: 15 });
    expect(() => receiptPolicyFromEnv({ LATE_REGISTRATION_WINDOW_DAYS: '-3' })).toThrow(/LATE_REGISTRATION_WINDOW_DAYS/);
    expect(() => receiptPolicyFromEnv({ LATE_REGISTRATION_WINDOW_DAYS: 'sixty' })).toThrow(/LATE_REGISTRATION_WINDOW_DAYS/);
  });
});
