import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntries, requests } from '../../db/schema';
import { loginAs, startStack, type TestStack } from '../support/stack';
import { secretsLaw } from '../support/cases';
import { beijingDate } from '../support/fixtures';

let stack: TestStack;
let civil: Record<string, string>;
let police: Record<string, string>;
let authority: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  civil = await loginAs(stack.app, 'mzt.li');
  police = await loginAs(stack.app, 'gat.zhang');
  authority = await loginAs(stack.app, 'data.chen');
});
afterAll(() => stack?.stop());

async function openTask(headers: Record<string, string>, requestId: string, step: string) {
  for (let i = 0; i < 600; i++) {
    const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers })).json();
    const task = tasks.find((t: { requestId: string; step: string }) => t.requestId === requestId && t.step === step);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no open ${step} task for ${requestId}`);
}

async function act(headers: Record<string, string>, taskId: string, body: Record<string, unknown>) {
  return stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers, payload: body });
}

async function freshEntry(provider: string): Promise<string> {
  const id = `T-${randomUUID().slice(0, 8)}`;
  await stack.db.insert(catalogueEntries).values({
    id,
    nameZh: '测试目录',
    nameEn: 'Test entry',
    providerDepartmentId: provider,
    sharingAttribute: 'conditional',
    updateFrequency: '每月 monthly',
    securityLevel: '一般 general',
    scopeOfUse: '测试 test',
  });
  return id;
}

describe('the statutory processes through the API', () => {
  it('takes a conditional share request through review, a refusal with reasons, an objection and the authority’s decision', async () => {
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: civil,
      payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '婚姻登记时核验当事人身份' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;

    const review = await openTask(authority, id, 'review-forward');
    expect(review.deadline.n).toBe(3);
    expect((await act(authority, review.id, { decision: 'forward' })).statusCode).toBe(200);

    const reply = await openTask(police, id, 'provider-reply');
    expect(reply.deadline.n).toBe(5);
    const bare = await act(police, reply.id, { decision: 'refuse' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors[0].path).toBe('body.reason');
    // A refusal names the instrument it rests on (draft art. 19): reasons alone are a 422 naming body.legalBasis.
    expect(reply.legalBasisRule).toMatchObject({ requiredFor: ['refuse'], kinds: ['law', 'administrative-regulation', 'local-regulation', 'national-policy'] });
    const reasonsOnly = await act(police, reply.id, { decision: 'refuse', reason: '申请场景超出条件共享范围' });
    expect(reasonsOnly.statusCode).toBe(422);
    expect(reasonsOnly.json().errors[0].path).toBe('body.legalBasis');
    expect(reasonsOnly.json().errors[0].message).toContain('第十九条');
    const blankArticle = await act(police, reply.id, { decision: 'refuse', reason: '申请场景超出条件共享范围', legalBasis: { ...secretsLaw, article: '\u200b' } });
    // Refused at the edge (a format character alone) or by the step's rule: either way naming the article.
    expect([400, 422]).toContain(blankArticle.statusCode);
    expect(blankArticle.json().errors[0].path).toBe('body.legalBasis.article');
    const unknownKind = await act(police, reply.id, { decision: 'refuse', reason: '申请场景超出条件共享范围', legalBasis: { ...secretsLaw, kind: 'custom' } });
    expect(unknownKind.statusCode).toBe(400);
    expect(JSON.stringify(unknownKind.json())).toContain('legalBasis');
    const refused = await act(police, reply.id, { decision: 'refuse', reason: '申请场景超出条件共享范围', legalBasis: secretsLaw });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().legalBasis).toEqual(secretsLaw);

    const objection = await openTask(civil, id, 'requester-objection');
    expect((await act(civil, objection.id, { decision: 'object', reason: '核验身份属于法定职责' })).statusCode).toBe(200);
    const decide = await openTask(authority, id, 'coordinate-decide');
    expect(decide.legalBasisRule.requiredFor).toEqual(['uphold-refusal']);
    expect((await act(authority, decide.id, { decision: 'uphold-refusal', reason: '经协调，维持不予提供', legalBasis: secretsLaw })).statusCode).toBe(200);

    await stack.client.workflow.getHandle(created.json().workflowId).result();
    const detail = (await stack.app.inject({ method: 'GET', url: `/api/share-requests/${id}`, headers: civil })).json();
    expect(detail.status).toBe('refused');
    expect(detail.tasks.map((t: { step: string }) => t.step)).toEqual(['review-forward', 'provider-reply', 'requester-objection', 'coordinate-decide']);
    expect(detail.timeline.filter((a: { action: string }) => a.action === 'task.completed')).toHaveLength(4);
    // The requester sees what the refusal rests on, and the record keeps it.
    expect(detail.tasks.find((t: { step: string }) => t.step === 'provider-reply').legalBasis).toEqual(secretsLaw);
    const refusalRecord = detail.timeline.find((a: { action: string; taskId: string }) => a.action === 'task.completed' && a.taskId === reply.id);
    expect(refusalRecord.details.legalBasis).toEqual(secretsLaw);
    // A task that cannot refuse carries no rule.
    expect(detail.tasks.find((t: { step: string }) => t.step === 'requester-objection').legalBasisRule).toBeNull();
  });

  it('runs a catalogue change with an extension within the limit, refusing one beyond it, and applies the approved change', async () => {
    const entryId = await freshEntry('hb-mzt');
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/catalogue-changes',
      headers: civil,
      payload: { catalogueEntryId: entryId, trigger: 'law-change', changedAt: beijingDate(), description: '《社会组织登记管理条例》修订，更新频率调整' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const submit = await openTask(civil, id, 'submit-update');
    expect(submit.deadline.n).toBe(10);

    const tooLong = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(submit.id)}/extension`,
      headers: civil,
      payload: { n: 11, reason: '需要更多时间' },
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors[0].path).toBe('body.n');
    const asked = await stack.app.inject({
      method: 'POST',
      url: `/api/tasks/${encodeURIComponent(submit.id)}/extension`,
      headers: civil,
      payload: { n: 5, reason: '需与法规部门核对' },
    });
    expect(asked.statusCode).toBe(202);
    const decision = await openTask(authority, id, 'submit-update.extension');
    // The authority decides on the reasons given, not blind.
    expect(decision.extensionRequest).toMatchObject({ taskId: submit.id, n: 5, reason: '需与法规部门核对', requestedBy: 'u-mzt-li' });
    const single = (await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(decision.id)}`, headers: authority })).json();
    expect(single.extensionRequest.reason).toBe('需与法规部门核对');
    expect((await act(authority, decision.id, { decision: 'grant' })).statusCode).toBe(200);
    let extended = submit;
    for (let i = 0; i < 600 && extended.dueAt === submit.dueAt; i++) {
      await new Promise((r) => setTimeout(r, 100));
      extended = await openTask(civil, id, 'submit-update');
    }
    expect(extended.deadline.extensions).toEqual([5]);
    expect(Date.parse(extended.dueAt)).toBeGreaterThan(Date.parse(submit.dueAt));

    expect((await act(civil, submit.id, { decision: 'submitted', payload: { updateFrequency: '每周 weekly' } })).statusCode).toBe(200);
    const review = await openTask(authority, id, 'review-update');
    expect((await act(authority, review.id, { decision: 'approve' })).statusCode).toBe(200);
    await stack.client.workflow.getHandle(created.json().workflowId).result();
    const [entry] = await stack.db.select().from(catalogueEntries).where(eq(catalogueEntries.id, entryId));
    expect(entry?.updateFrequency).toBe('每周 weekly');
    const [row] = await stack.db.select().from(requests).where(eq(requests.id, id));
    expect(row?.status).toBe('approved');
  });

  it('opens a quality dispute for the authority to forward', async () => {
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/quality-disputes',
      headers: civil,
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', description: '统一社会信用代码与登记机关记录不一致' },
    });
    expect(created.statusCode).toBe(201);
    const task = await openTask(authority, created.json().id, 'forward-dispute');
    expect(task.deadline.n).toBe(3);
  });

  it('lets only the providing department apply for the negative list, and only with a legal basis', async () => {
    const entryId = await freshEntry('hb-gat');
    const noBasis = await stack.app.inject({
      method: 'POST',
      url: '/api/negative-list-applications',
      headers: police,
      payload: { catalogueEntryId: entryId, reason: '涉及国家秘密' },
    });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().errors[0].path).toBe('body.legalBasis');
    const notTheirs = await stack.app.inject({
      method: 'POST',
      url: '/api/negative-list-applications',
      headers: civil,
      payload: { catalogueEntryId: entryId, legalBasis: '《中华人民共和国保守国家秘密法》', reason: '涉及国家秘密' },
    });
    expect(notTheirs.statusCode).toBe(422);
    const applied = await stack.app.inject({
      method: 'POST',
      url: '/api/negative-list-applications',
      headers: police,
      payload: { catalogueEntryId: entryId, legalBasis: '《中华人民共和国保守国家秘密法》', reason: '涉及国家秘密' },
    });
    expect(applied.statusCode).toBe(201);
    const id = applied.json().id;
    expect(applied.json().details).toMatchObject({ legalBasis: '《中华人民共和国保守国家秘密法》' });
    const government = await loginAs(stack.app, 'gov.sun');
    expect((await stack.app.inject({ method: 'GET', url: `/api/negative-list-applications/${id}`, headers: government })).statusCode).toBe(404);
    const review = await openTask(authority, id, 'authority-review');
    expect((await act(authority, review.id, { decision: 'approve' })).statusCode).toBe(200);
    // Given a step of the case, the people's government may read it; a department with no part in it still may not.
    await openTask(government, id, 'government-approval');
    const seen = await stack.app.inject({ method: 'GET', url: `/api/negative-list-applications/${id}`, headers: government });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().timeline.length).toBeGreaterThan(0);
    const outsider = await loginAs(stack.app, 'scjgj.wang');
    expect((await stack.app.inject({ method: 'GET', url: `/api/negative-list-applications/${id}`, headers: outsider })).statusCode).toBe(404);
  });
});

describe('case lists', () => {
  it('page through a department’s cases with a cursor, each case once, and filter by overdue', async () => {
    const outsider = await loginAs(stack.app, 'wsjkw.yang');
    for (let i = 0; i < 5; i++) {
      // The first is registered late, so it is overdue: a late receipt date is the authority reviewer's to register.
      const late = { receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(), receivedAtReason: '纸质件补录', onBehalfOf: 'hb-wsjkw' };
      const r = await stack.app.inject({
        method: 'POST',
        url: '/api/share-requests',
        headers: i === 0 ? authority : outsider,
        payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: `分页测试 ${i}`, ...(i === 0 ? late : {}) },
      });
      expect(r.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.app.inject({ method: 'GET', url: `/api/share-requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: outsider });
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().map((c: { id: string }) => c.id));
      cursor = page.headers['x-next-cursor'] as string | undefined;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
    let overdue: { id: string }[] = [];
    for (let i = 0; i < 600 && overdue.length === 0; i++) {
      overdue = (await stack.app.inject({ method: 'GET', url: '/api/share-requests?overdue=true', headers: outsider })).json();
      if (overdue.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(overdue).toHaveLength(1);
    const bad = await stack.app.inject({ method: 'GET', url: '/api/share-requests?cursor=nonsense', headers: outsider });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.cursor');
  });
});
