import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogueEntry } from '../support/cases';
import { loginAs, startStack, type TestStack } from '../support/stack';
import { beijingDate } from '../support/fixtures';

let stack: TestStack;
let department: Record<string, string>;
let ownEntry = '';

beforeAll(async () => {
  stack = await startStack();
  department = await loginAs(stack.app, 'mzt.li');
  ownEntry = (await createCatalogueEntry(stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional' })).id;
});
afterAll(() => stack?.stop());

let n = 0;
const submit = (url: string, key: string, payload: Record<string, unknown>, headers = department) =>
  stack.app.inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': key }, payload });

/** Each process, a first body, and each field that once could differ without being noticed. */
const cases: { url: string; body: () => Record<string, unknown>; changes: Record<string, unknown>[] }[] = [
  {
    url: '/api/share-requests',
    body: () => ({ catalogueEntryId: 'HB-SCJGJ-0001', scenario: '幂等键绑定整个请求体', basis: '《条例》第十条' }),
    changes: [{ basis: '《条例》第十一条' }, { basis: undefined }, { scenario: '幂等键绑定整个请求体。' }],
  },
  {
    url: '/api/quality-disputes',
    body: () => ({ catalogueEntryId: 'HB-SCJGJ-0001', description: '登记状态与实际不符', evidence: '附件一' }),
    changes: [{ description: '登记状态与实际不符！' }, { evidence: '附件二' }, { evidence: undefined }],
  },
  {
    url: '/api/catalogue-changes',
    body: () => ({ catalogueEntryId: ownEntry, trigger: 'law-change', changedAt: beijingDate(1), description: '《条例》修订后字段变化' }),
    changes: [{ trigger: 'duty-change' }, { changedAt: beijingDate(2) }, { description: '《条例》修订后字段变化了' }],
  },
  {
    url: '/api/negative-list-applications',
    body: () => ({ catalogueEntryId: ownEntry, legalBasis: '《保守国家秘密法》第九条', reason: '涉及国家秘密，不予共享' }),
    changes: [{ legalBasis: '《保守国家秘密法》第十条' }, { reason: '涉及国家秘密，依法不予共享' }],
  },
];

describe('an Idempotency-Key is bound to the whole body it was first sent with', () => {
  for (const { url, body, changes } of cases) {
    it(`${url}: the same body again is the same case (200), in any key order; any other body is a 409 naming the key`, async () => {
      const key = `bound-${url.slice(5)}-${Date.now()}-${n++}`;
      const first = await submit(url, key, body());
      expect(first.statusCode).toBe(201);
      const reordered = Object.fromEntries(Object.entries(body()).reverse());
      const again = await submit(url, key, reordered);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
      for (const change of changes) {
        const other = await submit(url, key, { ...body(), ...change });
        expect(other.statusCode, JSON.stringify(change)).toBe(409);
        expect(other.headers['content-type']).toContain('application/problem+json');
        expect(other.json().errors[0].path).toBe('headers.idempotency-key');
      }
    });
  }

  it('a key used on one route is a 409 on another, even for a body that fits both', async () => {
    const key = `cross-route-${Date.now()}`;
    const payload = { catalogueEntryId: 'HB-SCJGJ-0001', description: '同一个键用于另一种流程' };
    expect((await submit('/api/quality-disputes', key, payload)).statusCode).toBe(201);
    const other = await submit('/api/share-requests', key, { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '同一个键用于另一种流程' });
    expect(other.statusCode).toBe(409);
  });
});
