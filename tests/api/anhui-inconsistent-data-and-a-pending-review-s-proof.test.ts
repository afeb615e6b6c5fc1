import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

/**
 * Anhui art. 27 through the API: a department raises inconsistent data of the same category, naming its own entry,
 * the other department's and what is inconsistent; the other department gets the consultation; a body that is no
 * party sees nothing of it. Anhui art. 26: a dispute applied for to the provider directly, and, while the review is
 * pending, the flag that the service applicant showed valid proof, shown with para. 3 to every party.
 */
let stack: TestStack;
let mzt: Record<string, string>; // ah-mzt: raises it
let gat: Record<string, string>; // ah-gat: the other department / the provider
let data: Record<string, string>; // ah-data: the authority
let outsider: Record<string, string>; // a Hebei department: no party
let hebei: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  mzt = await loginAs(stack.app, 'ah-mzt.ma');
  gat = await loginAs(stack.app, 'ah-gat.he');
  data = await loginAs(stack.app, 'ah-data.xu');
  outsider = await loginAs(stack.app, 'scjgj.wang');
  hebei = await loginAs(stack.app, 'mzt.li');
});
afterAll(() => stack?.stop());

const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown>) => stack.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string>) => stack.app.inject({ method: 'GET', url, headers });

async function taskOf(headers: Record<string, string>, requestId: string, step: string): Promise<{ id: string; step: string; assigneeDepartmentId: string }> {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    const list = (await get('/api/tasks?limit=200', headers)).json() as Array<{ id: string; requestId: string; step: string; assigneeDepartmentId: string }>;
    const found = list.find((t) => t.requestId === requestId && t.step === step);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${step} task`);
}

const inconsistency = { catalogueEntryId: 'AH-GAT-0001', ownEntryId: 'AH-MZT-0001', inconsistency: '低保对象住址与户籍登记住址不一致：12 条记录' };
const proof = { holder: 'natural-person', matter: '最低生活保障资格认定', proof: '户口簿原件及派出所出具的住址证明' };

describe('inconsistent data of the same category (Anhui art. 27)', () => {
  it('is raised by a department naming both entries and what differs; the other department gets the consultation', async () => {
    const created = await post('/api/data-inconsistencies', mzt, inconsistency);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      process: 'data-inconsistency',
      pack: 'anhui-2021',
      requesterDepartmentId: 'ah-mzt',
      providerDepartmentId: 'ah-gat',
      catalogueEntryId: 'AH-GAT-0001',
      details: { ownEntryId: 'AH-MZT-0001', inconsistency: inconsistency.inconsistency },
    });
    const id = created.json().id as string;
    const task = await taskOf(gat, id, 'consultation');
    expect(task.assigneeDepartmentId).toBe('ah-gat');
    const detail = await get(`/api/data-inconsistencies/${id}`, gat);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().details.inconsistency).toBe(inconsistency.inconsistency);
    expect((await get(`/api/data-inconsistencies/${id}`, data)).statusCode).toBe(200);
    // No party: not found, neither the case nor its task.
    expect((await get(`/api/data-inconsistencies/${id}`, outsider)).statusCode).toBe(404);
    expect((await get(`/api/tasks/${encodeURIComponent(task.id)}`, outsider)).statusCode).toBe(404);
  });

  it('names the field that is wrong', async () => {
    const missing = await post('/api/data-inconsistencies', mzt, { catalogueEntryId: 'AH-GAT-0001', ownEntryId: 'AH-MZT-0001' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('body.inconsistency');
    const notOurs = await post('/api/data-inconsistencies', mzt, { ...inconsistency, ownEntryId: 'AH-SCJGJ-0001' });
    expect(notOurs.statusCode).toBe(422);
    expect(notOurs.json().errors[0].path).toBe('body.ownEntryId');
    const unknown = await post('/api/data-inconsistencies', mzt, { ...inconsistency, ownEntryId: 'AH-NONE-9999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('body.ownEntryId');
    // The Hebei texts have no such procedure.
    const elsewhere = await post('/api/data-inconsistencies', hebei, { catalogueEntryId: 'HB-GAT-0001', ownEntryId: 'HB-MZT-0001', inconsistency: '同类数据不一致' });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().errors[0].path).toBe('body.catalogueEntryId');
    expect(elsewhere.json().errors[0].message).toContain('art. 27');
  });
});

describe('a data review under Anhui art. 26', () => {
  it('applied for to the provider directly is recorded so; elsewhere the route is refused by name', async () => {
    const direct = await post('/api/quality-disputes', mzt, { catalogueEntryId: 'AH-GAT-0001', description: '住址字段错误', route: 'direct' });
    expect(direct.statusCode, direct.body).toBe(201);
    expect(direct.json().details).toMatchObject({ route: 'direct' });
    const task = await taskOf(gat, direct.json().id, 'verify-answer');
    const view = (await get(`/api/tasks/${encodeURIComponent(task.id)}`, gat)).json();
    expect(view.citation.textZh).toContain('申请人向数据提供部门申请复核的');
    const hebeiDirect = await post('/api/quality-disputes', hebei, { catalogueEntryId: 'HB-GAT-0001', description: '数据错误', route: 'direct' });
    expect(hebeiDirect.statusCode).toBe(422);
    expect(hebeiDirect.json().errors[0].path).toBe('body.route');
  });

  it('carries, while the review is pending, the flag that the applicant showed valid proof, with para. 3, for every party; not after the answer', async () => {
    const created = await post('/api/quality-disputes', mzt, { catalogueEntryId: 'AH-GAT-0001', description: '低保对象住址与户籍不一致' });
    const id = created.json().id as string;
    const verify = await taskOf(gat, id, 'verify-answer');
    expect((await get(`/api/quality-disputes/${id}`, mzt)).json().reviewProtection).toMatchObject({ pending: true, citation: { article: '第26条 (art. 26)' } });

    const bad = await post(`/api/quality-disputes/${id}/proof-shown`, mzt, { ...proof, holder: 'someone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.holder');
    expect((await post(`/api/quality-disputes/${id}/proof-shown`, outsider, proof)).statusCode).toBe(404);

    const recorded = await post(`/api/quality-disputes/${id}/proof-shown`, mzt, proof);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().proofShown).toEqual([expect.objectContaining({ ...proof, departmentId: 'ah-mzt', recordedBy: 'u-ah-mzt-ma' })]);
    expect(recorded.json().protection.citation.textEn).toContain('shall not require the applicant to go through the data correction procedures');
    for (const party of [gat, data]) {
      const seen = (await get(`/api/quality-disputes/${id}`, party)).json();
      expect(seen.details.proofShown).toHaveLength(1);
      expect(seen.reviewProtection.citation.textEn).toContain('During the data review period');
      expect(seen.timeline.map((a: { action: string }) => a.action)).toContain('request.proof-shown');
    }
    expect((await get(`/api/quality-disputes/${id}`, outsider)).statusCode).toBe(404);

    const answered = await post(`/api/tasks/${encodeURIComponent(verify.id)}/complete`, gat, { decision: 'explained', reason: '经核实，户籍住址已于上月变更' });
    expect(answered.statusCode, answered.body).toBe(200);
    for (const until = Date.now() + 30_000; Date.now() < until; ) {
      if ((await get(`/api/quality-disputes/${id}`, mzt)).json().status !== 'awaiting-verify-answer') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await get(`/api/quality-disputes/${id}`, mzt)).json().reviewProtection.pending).toBe(false);
    expect((await post(`/api/quality-disputes/${id}/proof-shown`, mzt, proof)).statusCode).toBe(409);
  });
});
