import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';
import { beijingDate } from '../support/fixtures';

let stack: TestStack;
let police: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  police = await loginAs(stack.app, 'gat.zhang');
});
afterAll(() => stack?.stop());

describe('API keys for department systems', () => {
  it('are shown once, act with at most their creator’s roles, and stop working when revoked', async () => {
    const tooMuch = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: police, payload: { name: '公安数据交换平台', roles: ['authority-reviewer'] } });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].path).toBe('body.roles');

    const created = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: police, payload: { name: '公安数据交换平台', roles: ['requester'] } });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^gdsk_/);
    const listed = (await stack.app.inject({ method: 'GET', url: '/api/api-keys', headers: police })).json();
    expect(JSON.stringify(listed)).not.toContain(key);

    const viaKey = { 'x-api-key': key };
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: viaKey,
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '系统对接：核验企业登记信息' },
    });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json().requesterDepartmentId).toBe('hb-gat');
    const bearer = await stack.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${key}` } });
    expect(bearer.json().roles).toEqual(['requester']);
    const noProviderRole = await stack.app.inject({
      method: 'POST',
      url: '/api/catalogue-changes',
      headers: viaKey,
      payload: { catalogueEntryId: 'HB-GAT-0001', trigger: 'law-change', changedAt: beijingDate(), description: '密钥不应有提供方角色' },
    });
    expect(noProviderRole.statusCode).toBe(403);

    expect((await stack.app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: police })).statusCode).toBe(200);
    expect((await stack.app.inject({ method: 'GET', url: '/api/me', headers: viaKey })).statusCode).toBe(401);
    const otherDepartment = await loginAs(stack.app, 'mzt.li');
    expect((await stack.app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: otherDepartment })).statusCode).toBe(404);
  });
});
