import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;
let cityRequester: Record<string, string>;
let cityAuthority: Record<string, string>;
let provincialAuthority: Record<string, string>;
let provincialRequester: Record<string, string>;
let notAParty: Record<string, string>;

beforeAll(async () => {
  stack = await startStack(testSecurity);
  cityRequester = await loginAs(stack.app, 'sjz-gaj.wu');
  cityAuthority = await loginAs(stack.app, 'sjz-data.zhou');
  provincialAuthority = await loginAs(stack.app, 'data.chen');
  provincialRequester = await loginAs(stack.app, 'gat.zhang');
  notAParty = await loginAs(stack.app, 'mzt.li');
});
afterAll(() => stack?.stop());

let seq = 0;
function submit(headers: Record<string, string>, catalogueEntryId: string) {
  return stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: { ...headers, 'idempotency-key': `cross-level-${Date.now()}-${++seq}` },
    payload: { catalogueEntryId, scenario: '办理案件时核验当事人身份 identity checks in casework' },
  });
}

async function openTaskOf(headers: Record<string, string>, requestId: string, step: string) {
  for (let i = 0; i < 600; i++) {
    const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers })).json() as { id: string; requestId: string; step: string }[];
    const found = tasks.find((t) => t.requestId === requestId && t.step === step);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${step} task of ${requestId}`);
}

describe('Hebei draft art. 21: the route of a share request is chosen from its parties’ levels', () => {
  it('a Shijiazhuang department’s request for a provincial entry goes to the provincial authority through the city authority: the relay is the city authority’s task, then the provincial authority’s review', async () => {
    const res = await submit(cityRequester, 'HB-GAT-0001');
    expect(res.statusCode).toBe(201);
    const kase = res.json();
    expect(kase).toMatchObject({ requesterDepartmentId: 'sjz-gaj', providerDepartmentId: 'hb-gat', authorityDepartmentId: 'hb-data', pack: 'hebei-2023' });
    expect(kase.details.route).toMatchObject({ kind: 'cross-level', basis: 'draft', hops: ['sjz-gaj', 'sjz-data', 'hb-data', 'hb-gat'] });
    expect(kase.details.route.citation.article).toBe('征求意见稿第二十一条 (2022 draft art. 21)');
    expect(kase.details.route.citation.note).toContain('依征求意见稿');

    const relay = await openTaskOf(cityAuthority, kase.id, 'relay-upward');
    const relayDetail = (await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(relay.id)}`, headers: cityAuthority })).json();
    expect(relayDetail).toMatchObject({ assigneeDepartmentId: 'sjz-data', decisions: ['forward'], deadline: { n: 3, unit: 'working-days' } });
    expect(relayDetail.citation.note).toContain('本地政策');
    // The hop is on the city authority's desk in its level's view too, though the case is the provincial authority's.
    const level = (await stack.app.inject({ method: 'GET', url: '/api/tasks?scope=level', headers: cityAuthority })).json() as { id: string }[];
    expect(level.map((t) => t.id)).toContain(relay.id);
    // Every party sees the case; a department that is not one does not.
    for (const who of [cityRequester, cityAuthority, provincialAuthority]) {
      expect((await stack.app.inject({ method: 'GET', url: `/api/share-requests/${kase.id}`, headers: who })).statusCode).toBe(200);
    }
    expect((await stack.app.inject({ method: 'GET', url: `/api/share-requests/${kase.id}`, headers: notAParty })).statusCode).toBe(404);
    expect((await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(relay.id)}`, headers: notAParty })).statusCode).toBe(404);
    // The provincial authority cannot take the city's hop.
    const wrongHop = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(relay.id)}/complete`, headers: provincialAuthority, payload: { decision: 'forward' } });
    expect(wrongHop.statusCode).toBeGreaterThanOrEqual(400);

    const relayed = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(relay.id)}/complete`, headers: cityAuthority, payload: { decision: 'forward' } });
    expect(relayed.statusCode).toBe(200);
    const review = await openTaskOf(provincialAuthority, kase.id, 'review-forward');
    const reviewDetail = (await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(review.id)}`, headers: provincialAuthority })).json();
    expect(reviewDetail).toMatchObject({ assigneeDepartmentId: 'hb-data', deadline: { n: 3 } });
    expect(reviewDetail.trigger.zh).toBe('自上一级政务数据主管部门收到本级主管部门转报的申请之日起');
    await stack.client.workflow.getHandle(kase.workflowId).terminate('test done');
  });

  it('another province’s entry is a 422 naming body.catalogueEntryId, the entry and why (art. 21 covers only this province)', async () => {
    for (const [who, entry] of [
      [cityRequester, 'AH-GAT-0001'],
      [provincialRequester, 'AH-SCJGJ-0001'],
    ] as const) {
      const res = await submit(who, entry);
      expect(res.statusCode).toBe(422);
      const problem = res.json();
      expect(problem.errors[0].path).toBe('body.catalogueEntryId');
      expect(problem.errors[0].message).toContain(entry);
      expect(problem.errors[0].messageZh).toContain('本省行政区域内');
      expect(problem.errors[0].messageZh).toContain('第二十一条');
      expect(problem.errors[0].message).toContain('art. 21');
    }
  });

  it('a same-level request carries no route; a provincial department asking for city data stays with the provincial authority, said to be local policy', async () => {
    const same = await submit(notAParty, 'HB-SCJGJ-0001');
    expect(same.statusCode).toBe(201);
    expect(same.json().details.route).toBeUndefined();
    expect(same.json().authorityDepartmentId).toBe('hb-data');

    const down = await submit(provincialRequester, 'SJZ-GAJ-0001');
    expect(down.statusCode).toBe(201);
    expect(down.json()).toMatchObject({ authorityDepartmentId: 'hb-data', details: { route: { kind: 'own-authority', basis: 'policy', hops: ['hb-gat', 'hb-data', 'sjz-gaj'] } } });
    const provide = await openTaskOf(provincialAuthority, down.json().id, 'provide-data');
    expect(provide).toBeDefined();
    for (const c of [same.json(), down.json()]) await stack.client.workflow.getHandle(c.workflowId).terminate('test done');
  });
});
