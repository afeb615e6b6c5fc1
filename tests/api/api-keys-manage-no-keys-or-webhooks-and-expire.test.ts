import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let person: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  person = await loginAs(stack.app, 'wsjkw.yang');
});
afterAll(() => stack?.stop());

async function createKey(body: Record<string, unknown>) {
  const response = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: person, payload: { name: '卫健委数据交换平台', roles: ['requester'], ...body } });
  return response;
}

describe('API keys', () => {
  it('cannot list, create or revoke the department’s keys, nor read, replace or turn off its webhook, whatever their roles', async () => {
    const requesterKey = (await createKey({})).json();
    const bothRoles = (await createKey({ roles: ['requester', 'provider'] })).json();
    const other = (await createKey({ name: '另一系统' })).json();
    for (const key of [requesterKey.key, bothRoles.key]) {
      const asKey = { 'x-api-key': key };
      const attempts = [
        stack.app.inject({ method: 'GET', url: '/api/api-keys', headers: asKey }),
        stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: asKey, payload: { name: '密钥再生密钥', roles: ['requester'] } }),
        stack.app.inject({ method: 'DELETE', url: `/api/api-keys/${other.id}`, headers: asKey }),
        stack.app.inject({ method: 'GET', url: '/api/departments/hb-wsjkw/webhook', headers: asKey }),
        stack.app.inject({ method: 'PUT', url: '/api/departments/hb-wsjkw/webhook', headers: asKey, payload: { url: 'https://attacker.example/hook' } }),
        stack.app.inject({ method: 'DELETE', url: '/api/departments/hb-wsjkw/webhook', headers: asKey }),
      ];
      expect((await Promise.all(attempts)).map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403]);
      // What a key is for still works.
      expect((await stack.app.inject({ method: 'GET', url: '/api/catalogue', headers: asKey })).statusCode).toBe(200);
    }
    const [stillThere] = await stack.db.select().from(apiKeys).where(eq(apiKeys.id, other.id));
    expect(stillThere!.revokedAt).toBeNull();
  });

  it('cannot act as a keeper: a supervisor’s key publishes, amends or approves no calendar and proposes no rule pack', async () => {
    const supervisor = await loginAs(stack.app, 'data.zhao');
    const created = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: supervisor, payload: { name: '省局日历同步', roles: ['authority-supervisor'] } });
    expect(created.statusCode, created.body).toBe(201);
    const asKey = { 'x-api-key': created.json().key };
    const notice = { title: '河北省地方节假日安排（测试）', documentNumber: '', issuer: '河北省人民政府办公厅' };
    const festivals = (year: number) => [{ festival: 'midAutumn', offDays: [`${year}-06-07`], makeUpDays: [] }];
    const attempts = [
      stack.app.inject({ method: 'PUT', url: '/api/calendar/2032?jurisdiction=hebei', headers: asKey, payload: { year: 2032, notice, festivals: festivals(2032) } }),
      stack.app.inject({ method: 'POST', url: '/api/calendar/2025/amendments?jurisdiction=hebei', headers: asKey, payload: { schedule: { year: 2025, notice, festivals: festivals(2025) }, reason: '测试' } }),
      stack.app.inject({ method: 'GET', url: '/api/calendar/amendments', headers: asKey }),
      stack.app.inject({ method: 'POST', url: '/api/rule-packs/proposals', headers: asKey, payload: { pack: { id: 'x' }, reason: '测试' } }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().detail).toContain('a person signed in must');
    }
  });

  it('may have an expiry, in the future, after which they stop working', async () => {
    const past = await createKey({ expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.expiresAt');

    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const created = await createKey({ expiresAt: inAnHour });
    expect(created.statusCode).toBe(201);
    expect(created.json().expiresAt).toBe(inAnHour);
    const asKey = { 'x-api-key': created.json().key };
    expect((await stack.app.inject({ method: 'GET', url: '/api/me', headers: asKey })).statusCode).toBe(200);
    await stack.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, created.json().id));
    expect((await stack.app.inject({ method: 'GET', url: '/api/me', headers: asKey })).statusCode).toBe(401);
  });
});
