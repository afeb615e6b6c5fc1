import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../activities/webhooks';
import { hashPassword } from '../../db/password';
import { departments, negativeList, users } from '../../db/schema';
import type { LegalBasis } from '../../rules';
import { createCatalogueEntry, registerCase, secretsLaw } from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { localWebhooks, loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

/**
 * A hand-off is told at once to the department it concerns, in its inbox and through its webhook: the provider of a
 * conditional share request learns of its task when the authority forwards the request, the requester of the
 * refusal; each notice names the case (process and entry by name), the step, the department that acted, what it
 * decided and when the new task is due, in Chinese and in English. A department party to nothing hears nothing.
 */
let stack: TestStack;
let requester: Record<string, string>;
let provider: Record<string, string>;
let reviewer: Record<string, string>;
let outsider: Record<string, string>;
let receiver: Server;
let port = 0;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  stack = await startStack(testSecurity, { webhookPolicy: localWebhooks });
  requester = await loginAs(stack.app, 'mzt.li');
  provider = await loginAs(stack.app, 'gat.zhang');
  reviewer = await loginAs(stack.app, 'data.chen');
  outsider = await loginAs(stack.app, 'scjgj.wang');
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as { port: number }).port;
});
afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => receiver?.close(r));
});

interface Notice {
  id: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  requestId: string | null;
  taskId: string | null;
  details: Record<string, unknown> & { act?: Record<string, unknown> };
  case: Record<string, unknown> | null;
  task: Record<string, unknown> | null;
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 450; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const inbox = async (headers: Record<string, string>, requestId: string) =>
  ((await stack.app.inject({ method: 'GET', url: '/api/notifications', headers })).json() as Notice[]).filter((n) => n.requestId === requestId);

async function openTaskOf(headers: Record<string, string>, requestId: string, step: string): Promise<{ id: string; dueAt: string }> {
  return eventually(
    async () =>
      ((await stack.app.inject({ method: 'GET', url: `/api/tasks?status=open`, headers })).json() as { id: string; requestId: string; step: string; dueAt: string }[]).find(
        (t) => t.requestId === requestId && t.step === step,
      ),
    (t) => !!t,
    `the ${step} task`,
  ) as Promise<{ id: string; dueAt: string }>;
}

async function complete(headers: Record<string, string>, taskId: string, decision: string, reason?: string, legalBasis?: LegalBasis): Promise<void> {
  const payload = { decision, ...(reason ? { reason } : {}), ...(legalBasis ? { legalBasis } : {}) };
  const response = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers, payload });
  expect(response.statusCode, response.body).toBe(200);
}

async function submit(headers: Record<string, string>, scenario: string): Promise<string> {
  const response = await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers, payload: { catalogueEntryId: 'HB-GAT-0001', scenario } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe('a conditional share request handed from body to body', () => {
  it('tells the provider of its task when the authority forwards, the requester of the refusal, and nobody else', async () => {
    const caseId = await submit(requester, '婚姻登记时核验当事人身份：交接通知');
    const review = await openTaskOf(reviewer, caseId, 'review-forward');
    // The authority is told of the new case at once; the provider has nothing to do yet and hears nothing.
    const [toAuthority] = await eventually(() => inbox(reviewer, caseId), (l) => l.length > 0, 'the authority’s notice');
    expect(toAuthority).toMatchObject({ kind: 'task.assigned', taskId: review.id });
    expect(toAuthority!.details.dueAt).toBe(review.dueAt);
    expect(toAuthority!.details.act).toMatchObject({ kind: 'submitted', departmentId: 'hb-mzt', departmentNameZh: '河北省民政厅' });
    expect(await inbox(provider, caseId)).toEqual([]);

    await complete(reviewer, review.id, 'forward');
    const reply = await openTaskOf(provider, caseId, 'provider-reply');
    // Written with the task itself: the moment the task is there, so is its notice.
    const [toProvider, ...more] = await inbox(provider, caseId);
    expect(more).toEqual([]);
    expect(toProvider).toMatchObject({ kind: 'task.assigned', requestId: caseId, taskId: reply.id });
    expect(toProvider!.titleZh).toBe('新待办：答复是否同意共享（共享申请《居民身份证信息》）');
    expect(toProvider!.case).toMatchObject({ process: 'share-request', catalogueEntryId: 'HB-GAT-0001', entryNameZh: '居民身份证信息', requesterDepartmentId: 'hb-mzt' });
    expect(toProvider!.task).toMatchObject({ step: 'provider-reply', assigneeDepartmentId: 'hb-gat', dueAt: reply.dueAt, status: 'open' });
    expect(toProvider!.titleEn).toMatch(/^New task: .+ \(Share request “.+”\)$/);
    expect(toProvider!.details).toMatchObject({
      process: 'share-request',
      catalogueEntryId: 'HB-GAT-0001',
      entryNameZh: '居民身份证信息',
      stepTitleZh: '答复是否同意共享',
      dueAt: reply.dueAt,
      responsibleDepartmentId: 'hb-gat',
      act: { kind: 'decided', departmentId: 'hb-data', departmentNameZh: '河北省数据和政务服务局', step: 'review-forward', decision: 'forward', decisionZh: '审核通过，转提供部门', decisionEn: 'Forward to the provider' },
    });
    // Each language complete on its own: who acted, what was decided, the task and when it is due.
    expect(toProvider!.details.textZh).toMatch(/^河北省数据和政务服务局于 .+ 就“审核并转至提供部门”作出决定：审核通过，转提供部门。新待办“答复是否同意共享”由河北省公安厅办理，办理期限至 \d{4}-\d{2}-\d{2} 24:00（北京时间）。$/);
    expect(toProvider!.details.textEn).toMatch(/Hebei Provincial Data and Government Services Bureau decided on “.+”: Forward to the provider\. New task “.+” for Hebei Provincial Department of Public Security, due \d{4}-\d{2}-\d{2} 24:00 \(Beijing time\)\.$/);
    // The requester is told its case moved on, and to whom, until when.
    const [forwarded] = await inbox(requester, caseId);
    expect(forwarded).toMatchObject({ kind: 'case.decided', taskId: null, details: { dueAt: reply.dueAt, responsibleDepartmentId: 'hb-gat', act: { decision: 'forward' } } });

    await complete(provider, reply.id, 'refuse', '申请的应用场景超出条件共享范围', secretsLaw);
    const objection = await openTaskOf(requester, caseId, 'requester-objection');
    const refusal = (await inbox(requester, caseId)).find((n) => n.taskId === objection.id);
    expect(refusal).toMatchObject({
      kind: 'task.assigned',
      details: {
        dueAt: objection.dueAt,
        responsibleDepartmentId: 'hb-mzt',
        act: { kind: 'decided', departmentId: 'hb-gat', departmentNameZh: '河北省公安厅', decision: 'refuse', decisionZh: '不同意', reason: '申请的应用场景超出条件共享范围' },
      },
    });
    expect(refusal!.details.textZh).toContain('河北省公安厅于');
    expect(refusal!.details.textZh).toContain('作出决定：不同意，理由：申请的应用场景超出条件共享范围。');
    expect(refusal!.details.textEn).toContain('Refuse (reasons: 申请的应用场景超出条件共享范围)');
    // The provider is not told of its own refusal; the authority has nothing to do and is not told either.
    expect((await inbox(provider, caseId)).map((n) => n.taskId)).toEqual([reply.id]);
    expect((await inbox(reviewer, caseId)).map((n) => n.taskId)).toEqual([review.id]);
    // A department party to nothing of this case gets nothing, and still cannot open it.
    expect(await inbox(outsider, caseId)).toEqual([]);
    expect((await stack.app.inject({ method: 'GET', url: `/api/share-requests/${caseId}`, headers: outsider })).statusCode).toBe(404);
  });

  it('tells the department that asked of its extension refused or granted, the other party of the new deadline, and both parties how the case ended', async () => {
    const created = await stack.app.inject({
      method: 'POST',
      url: '/api/quality-disputes',
      headers: requester,
      payload: { catalogueEntryId: 'HB-GAT-0001', description: '婚姻状况核验结果与登记不一致：交接通知' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const caseId: string = created.json().id;
    await complete(reviewer, (await openTaskOf(reviewer, caseId, 'forward-dispute')).id, 'forward');
    const verify = await openTaskOf(provider, caseId, 'verify-answer');
    const ask = (n: number) =>
      stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(verify.id)}/extension`, headers: provider, payload: { n, reason: '需会同市级部门逐条核实' } });

    expect((await ask(5)).statusCode).toBeLessThan(300);
    const first = await openTaskOf(reviewer, caseId, 'verify-answer.extension');
    const [asked] = (await inbox(reviewer, caseId)).filter((n) => n.taskId === first.id);
    expect(asked).toMatchObject({ kind: 'task.assigned', details: { act: { kind: 'extension-requested', departmentId: 'hb-gat', reason: '需会同市级部门逐条核实', extension: { n: 5 } } } });
    await complete(reviewer, first.id, 'refuse', '核实工作量不足以延期');
    const refused = await eventually(
      async () => (await inbox(provider, caseId)).filter((n) => n.kind === 'extension.refused'),
      (l) => l.length > 0,
      'the refusal of the extension',
    );
    expect(refused[0]).toMatchObject({
      taskId: verify.id,
      details: { dueAt: verify.dueAt, act: { departmentId: 'hb-data', decision: 'refuse', decisionZh: '不同意延期', reason: '核实工作量不足以延期' } },
    });
    expect(refused[0]!.titleZh).toBe('不同意延期：校核并释明或修复数据（数据质量异议《居民身份证信息》）');
    // A refused extension changes nothing for the requester: it is not told.
    expect((await inbox(requester, caseId)).filter((n) => n.kind.startsWith('extension.'))).toEqual([]);

    expect((await ask(4)).statusCode).toBeLessThan(300);
    const second = await eventually(
      async () => ((await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: reviewer })).json() as { id: string; requestId: string; step: string }[]).find((t) => t.requestId === caseId && t.step === 'verify-answer.extension' && t.id !== first.id),
      (t) => !!t,
      'the second extension request',
    );
    await complete(reviewer, second!.id, 'grant');
    const granted = await eventually(
      async () => [...(await inbox(provider, caseId)), ...(await inbox(requester, caseId))].filter((n) => n.kind === 'extension.granted'),
      (l) => l.length === 2,
      'the grant, told to both parties',
    );
    const moved = (await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(verify.id)}`, headers: provider })).json() as { dueAt: string };
    expect(Date.parse(moved.dueAt)).toBeGreaterThan(Date.parse(verify.dueAt));
    for (const n of granted) {
      expect(n.details).toMatchObject({ dueAt: moved.dueAt, previousDueAt: verify.dueAt, act: { departmentId: 'hb-data', decision: 'grant' } });
      expect(n.details.textZh).toMatch(/“校核并释明或修复数据”（河北省公安厅）的办理期限由 \d{4}-\d{2}-\d{2} 24:00 延至 \d{4}-\d{2}-\d{2} 24:00（北京时间）。$/);
    }

    await complete(provider, verify.id, 'explained', '经核实数据无误');
    await complete(requester, (await openTaskOf(requester, caseId, 'requester-response')).id, 'accept');
    const closed = await eventually(() => inbox(provider, caseId), (l) => l.some((n) => n.kind === 'case.closed'), 'the case closed, told to the provider');
    expect(closed.find((n) => n.kind === 'case.closed')).toMatchObject({
      titleZh: '确认校核结果：接受答复，案件已办结（数据质量异议《居民身份证信息》）',
      details: { outcome: 'resolved', outcomeZh: '已解决', act: { departmentId: 'hb-mzt', decision: 'accept' } },
    });
    // The requester closed it itself: it is not told of its own decision.
    expect((await inbox(requester, caseId)).filter((n) => n.kind === 'case.closed')).toEqual([]);
    expect(await inbox(outsider, caseId)).toEqual([]);
  });

  it('tells the requester of a request refused at once, its entry being on the approved negative list, and why', async () => {
    // Refused at once only where the people's government approved the listing (Hebei draft art. 15).
    const entry = await createCatalogueEntry(stack.db, { provider: 'hb-gat', sharingAttribute: 'not-shared' });
    const listing = await registerCase(stack.db, {
      process: 'negative-list',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-gat', 'hb-gat'),
      catalogueEntryId: entry.id,
      receivedAt: new Date().toISOString(),
    });
    await stack.db.insert(negativeList).values({ catalogueEntryId: entry.id, requestId: listing.requestId, legalBasis: '《中华人民共和国保守国家秘密法》', listedAt: new Date(), approvedBy: 'u-gov-sun' });
    const created = await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: entry.id, scenario: '核验涉案信息：不予共享的目录' } });
    expect(created.statusCode, created.body).toBe(201);
    const caseId: string = created.json().id;
    const [refused] = await eventually(() => inbox(requester, caseId), (l) => l.length > 0, 'the refusal');
    expect(refused).toMatchObject({ kind: 'case.closed', taskId: null, details: { outcome: 'refused', outcomeZh: '不予共享' } });
    expect(refused!.titleZh).toBe(`案件已办结（不予共享）：共享申请《${entry.nameZh}》`);
    expect(refused!.details.textZh).toContain('该目录条目属于不予共享类（负面清单），依法不予共享。案件已办结：不予共享。');
    expect(refused!.details.textEn).toContain('by law it is not shared. The case is closed: Refused.');
    // Nobody decided anything the provider must hear of.
    expect(await inbox(provider, caseId)).toEqual([]);
  });

  it('sends the notice to the webhook of a department that has one, signed, at once', async () => {
    // A department of its own, so no other test's notices reach this webhook.
    const id = `ho-${randomUUID().slice(0, 8)}`;
    await stack.db.insert(departments).values({
      id,
      nameZh: '测试需求厅',
      nameEn: 'Test requesting department',
      kind: 'department',
      level: 'province',
      jurisdiction: 'hebei',
      authorityId: 'hb-data',
      governmentId: 'hb-gov',
      upperAuthorityId: 'nda',
    });
    await stack.db.insert(users).values({ id: `u-${id}`, username: id, displayName: '测试', departmentId: id, roles: ['requester', 'provider'], passwordHash: await hashPassword('demo1234') });
    const own = await loginAs(stack.app, id);
    const hook = await stack.app.inject({ method: 'PUT', url: `/api/departments/${id}/webhook`, headers: own, payload: { url: `http://127.0.0.1:${port}/hook` } });
    expect(hook.statusCode, hook.body).toBe(200);
    const secret: string = hook.json().secret;

    const caseId = await submit(own, '测试部门核验身份：回调通知');
    const review = await openTaskOf(reviewer, caseId, 'review-forward');
    await complete(reviewer, review.id, 'forward');
    const reply = await openTaskOf(provider, caseId, 'provider-reply');
    await complete(provider, reply.id, 'refuse', '超出条件共享范围', secretsLaw);
    const objection = await openTaskOf(own, caseId, 'requester-objection');

    const bodies = await eventually(
      async () => received.map((r) => ({ ...r, json: JSON.parse(r.body) as { id: string; kind: string; requestId: string; taskId: string | null; titleZh: string; details: Notice['details'] } })),
      (list) => list.some((r) => r.json.taskId === objection.id),
      'the refusal at the webhook',
    );
    for (const { headers, body, json } of bodies) {
      expect(headers['x-gds-signature']).toBe(signWebhookBody(secret, body));
      expect(json.id).toBe(headers['x-gds-delivery']);
      expect(json.requestId).toBe(caseId);
    }
    const refusal = bodies.find((r) => r.json.taskId === objection.id)!.json;
    expect(refusal.kind).toBe('task.assigned');
    expect(refusal.titleZh).toContain('共享申请《居民身份证信息》');
    expect(refusal.details).toMatchObject({ dueAt: objection.dueAt, act: { departmentId: 'hb-gat', decision: 'refuse', reason: '超出条件共享范围' } });
    expect(bodies.some((r) => r.json.kind === 'case.decided' && r.json.details.act?.decision === 'forward')).toBe(true);
    // Each notice once: a delivery id is never sent twice after it was accepted.
    expect(new Set(bodies.map((r) => r.json.id)).size).toBe(bodies.length);
  });
});
