/**
 * Rule packs as data at run time (docs/RULES.md, "Packs as data"): a new province's pack is published as data alone,
 * with four eyes, and its cases get its deadlines; a later version never changes a running case, only cases received
 * from its effective date, and the preview says both before it is published.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../db/password';
import { PackStore } from '../../db/pack-store';
import { auditLog, catalogueEntries, departments, requests, rulePackBuiltInVersions, users } from '../../db/schema';
import { getPack } from '../../rules';
import type { RulePack } from '../../rules';
import { packHash } from '../../packs/data';
import { ownDatabase } from '../support/own-database';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

// A database of its own: a published version binds every later case of its jurisdiction.
let own: Awaited<ReturnType<typeof ownDatabase>>;
let stack: TestStack;
const as: Record<string, Record<string, string>> = {};
const v1 = JSON.parse(readFileSync(fileURLToPath(new URL('../rules/fixtures/new-province.pack.json', import.meta.url)), 'utf8')) as RulePack;
const step = (pack: RulePack, id: string) => pack.flows['conditional-share']!.find((s) => s.id === id)!;
/** The next version: the provider's reply 5 → 10 working days, providing the data 3 → 4. */
const v2: RulePack = JSON.parse(JSON.stringify(v1));
Object.assign(v2, { version: '1.1.0' });
(step(v2, 'provider-reply') as { period: unknown }).period = { n: 10, unit: 'working-days' };
(step(v2, 'provide-data') as { period: unknown }).period = { n: 4, unit: 'working-days' };

beforeAll(async () => {
  own = await ownDatabase();
  stack = await startStack(testSecurity, { databaseUrl: own.url });
  const region = { jurisdiction: 'xinjiang', level: 'province' } as const;
  const province = { ...region, authorityId: 'xj-data', governmentId: 'xj-gov', upperAuthorityId: 'nda' } as const;
  await stack.db.insert(departments).values([
    { id: 'xj-gov', nameZh: '示例省人民政府', nameEn: 'Example provincial government', kind: 'government', ...region },
    { id: 'xj-data', nameZh: '示例省数据局', nameEn: 'Example provincial data authority', kind: 'authority', ...region, governmentId: 'xj-gov', upperAuthorityId: 'nda' },
    { id: 'xj-a', nameZh: '示例省甲厅', nameEn: 'Example department A', kind: 'department', ...province },
    { id: 'xj-b', nameZh: '示例省乙厅', nameEn: 'Example department B', kind: 'department', ...province },
  ]);
  const passwordHash = await hashPassword('demo1234');
  await stack.db.insert(users).values([
    { id: 'u-xj-data-ma', username: 'xj-data.ma', displayName: '马', departmentId: 'xj-data', roles: ['authority-reviewer', 'authority-supervisor'], passwordHash },
    { id: 'u-xj-a', username: 'xj-a.user', displayName: '甲', departmentId: 'xj-a', roles: ['requester', 'provider'], passwordHash },
    { id: 'u-xj-b', username: 'xj-b.user', displayName: '乙', departmentId: 'xj-b', roles: ['requester', 'provider'], passwordHash },
  ]);
  await stack.db.insert(catalogueEntries).values({
    id: 'XJ-B-0001', nameZh: '示例有条件共享数据', nameEn: 'Example conditional data', providerDepartmentId: 'xj-b', sharingAttribute: 'conditional',
    updateFrequency: '每日 daily', securityLevel: '敏感 sensitive', scopeOfUse: '依法履职需要 as duties require', conditions: '须说明应用场景', legalBasis: '示例', dataFormat: 'API',
  });
  for (const u of ['admin', 'data.zhao', 'mzt.li', 'xj-data.ma', 'xj-a.user', 'xj-b.user']) as[u] = await loginAs(stack.app, u);
});
afterAll(async () => {
  await stack?.stop();
  await own?.drop();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type TaskView = { id: string; requestId: string; step: string; status: string; dueAt: string; deadline: { n: number; unit: string; due: string } };
const openTask = (who: string, requestId: string, stepId: string) =>
  waitFor(async () => {
    const list = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: as[who] })).json() as TaskView[];
    return list.find((t) => t.requestId === requestId && t.step === stepId);
  }, `${stepId} of ${requestId}`);
const complete = (who: string, taskId: string, decision: string) =>
  stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers: as[who], payload: { decision } });
const submit = (key: string) =>
  stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: { ...as['xj-a.user'], 'idempotency-key': key },
    payload: { catalogueEntryId: 'XJ-B-0001', scenario: '示例省新规则包的测试场景' },
  });
const propose = (who: string, pack: unknown, extra: Record<string, unknown> = {}) =>
  stack.app.inject({ method: 'POST', url: '/api/rule-packs/proposals', headers: as[who], payload: { pack, reason: '新规则包测试', ...extra } });
const decide = (who: string, id: string, action: 'approve' | 'reject') =>
  stack.app.inject({ method: 'POST', url: `/api/rule-packs/proposals/${id}/${action}`, headers: as[who], payload: {} });

let runningCase: string;

describe('a new province as data, published with four eyes', () => {
  it('has no pack before, refuses a bad field by its JSON path, and publishes only when a second keeper approves', async () => {
    const before = await submit('xj-before');
    expect(before.statusCode).toBe(422);
    expect(before.json().errors[0].path).toBe('body.receivedAt');

    const bad = JSON.parse(JSON.stringify(v1));
    bad.flows['conditional-share'][0].period.n = 'two';
    const refused = await propose('admin', bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors[0].path).toBe('body.pack.flows.conditional-share[0].period.n');

    expect((await propose('data.zhao', v1)).statusCode).toBe(403); // Hebei's supervisor keeps Hebei's packs only
    const proposed = await propose('admin', v1);
    expect(proposed.statusCode).toBe(201);
    const proposal = proposed.json();
    expect(proposal).toMatchObject({ packId: 'xinjiang-example', status: 'pending', hash: packHash(v1), baseHash: null, effectiveFrom: '2024-01-01' });
    expect(proposal.preview.openCases).toMatchObject({ count: 0, changes: 0 });
    expect(proposal.preview.newCases.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'flows.conditional-share.review-forward', kind: 'step-added', after: expect.objectContaining({ period: { n: 2, unit: 'working-days' } }) }),
        expect.objectContaining({ path: 'flows.conditional-share.provider-reply', kind: 'step-added', after: expect.objectContaining({ period: { n: 5, unit: 'working-days' } }) }),
      ]),
    );
    // Still nothing in force: a proposal publishes nothing.
    expect((await submit('xj-pending')).statusCode).toBe(422);

    expect((await decide('admin', proposal.id, 'approve')).statusCode).toBe(403); // four eyes
    expect((await decide('data.zhao', proposal.id, 'approve')).statusCode).toBe(404); // not a keeper of this province
    const approved = await decide('xj-data.ma', proposal.id, 'approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: 'u-xj-data-ma' });
    const audit = await stack.db.select().from(auditLog).where(eq(auditLog.action, 'rule-pack.published'));
    expect(audit.map((a) => a.details)).toEqual([expect.objectContaining({ packId: 'xinjiang-example', hash: packHash(v1), proposedBy: 'u-admin', approvedBy: 'u-xj-data-ma' })]);
    const versions = (await stack.app.inject({ method: 'GET', url: '/api/rule-packs', headers: as['xj-a.user'] })).json();
    expect(versions).toEqual(expect.arrayContaining([expect.objectContaining({ packId: 'xinjiang-example', hash: packHash(v1), source: 'published' })]));
    const texts = (await stack.app.inject({ method: 'GET', url: '/api/rules', headers: as['xj-a.user'] })).json();
    expect(texts).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'xinjiang-example', jurisdiction: 'xinjiang', version: '1.0.0' })]));
    const preview = await stack.app.inject({
      method: 'GET',
      url: `/api/rules/xinjiang-example/preview?process=conditional-share&received=${encodeURIComponent('2025-09-01T10:00:00+08:00')}`,
      headers: as['xj-a.user'],
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().steps.slice(0, 2).map((s: { stepId: string; due: string }) => [s.stepId, s.due])).toEqual([
      ['review-forward', '2025-09-03'],
      ['provider-reply', '2025-09-10'],
    ]);
  });

  it('binds a new case to that exact version, whose steps get 2 and then 5 working days', async () => {
    const submitted = await submit('xj-case-1');
    expect(submitted.statusCode).toBe(201);
    const kase = submitted.json();
    expect(kase).toMatchObject({ pack: 'xinjiang-example', packHash: packHash(v1), jurisdiction: 'xinjiang' });
    const [row] = await stack.db.select().from(requests).where(eq(requests.id, kase.id));
    expect(row!.packHash).toBe(packHash(v1));

    const review = await openTask('xj-data.ma', kase.id, 'review-forward');
    expect(review.deadline).toMatchObject({ n: 2, unit: 'working-days' });
    expect((await complete('xj-data.ma', review.id, 'forward')).statusCode).toBe(200);
    const reply = await openTask('xj-b.user', kase.id, 'provider-reply');
    expect(reply.deadline).toMatchObject({ n: 5, unit: 'working-days' });
    runningCase = kase.id;

    // The case and its task read as any other: the texts that apply, the refusal's legal-basis rule of its version.
    const detail = await stack.app.inject({ method: 'GET', url: `/api/share-requests/${kase.id}`, headers: as['xj-a.user'] });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ pack: 'xinjiang-example', packHash: packHash(v1) });
    const task = await stack.app.inject({ method: 'GET', url: `/api/tasks/${encodeURIComponent(reply.id)}`, headers: as['xj-b.user'] });
    expect(task.statusCode).toBe(200);
    expect(task.json().legalBasisRule).toMatchObject({ requiredFor: ['refuse'] });
  });
});

describe('a later version of a published pack', () => {
  it('is previewed as changing nothing for the running case and the reply and provision periods for new ones, then published by another keeper', async () => {
    const proposed = await propose('xj-data.ma', v2, { effectiveFrom: '2025-01-01' });
    expect(proposed.statusCode).toBe(201);
    const { id, preview } = proposed.json();
    expect(preview.openCases).toMatchObject({ count: 1, changes: 0 });
    expect(preview.openCases.cases).toEqual([expect.objectContaining({ requestId: runningCase, boundHash: packHash(v1), keeps: packHash(v1), changes: [] })]);
    expect(preview.newCases).toMatchObject({ from: '2025-01-01', comparedWith: packHash(v1) });
    const changed = preview.newCases.changes.filter((c: { field?: string }) => c.field === 'period');
    expect(changed).toEqual([
      { path: 'flows.conditional-share.provider-reply', kind: 'changed', field: 'period', before: { n: 5, unit: 'working-days' }, after: { n: 10, unit: 'working-days' } },
      { path: 'flows.conditional-share.provide-data', kind: 'changed', field: 'period', before: { n: 3, unit: 'working-days' }, after: { n: 4, unit: 'working-days' } },
    ]);
    const again = (await stack.app.inject({ method: 'GET', url: `/api/rule-packs/proposals/${id}/preview`, headers: as.admin })).json();
    expect(again).toEqual(preview);
    expect((await decide('xj-data.ma', id, 'approve')).statusCode).toBe(403);
    expect((await decide('admin', id, 'approve')).statusCode).toBe(200);
  });

  it('never changes the running case: its reply keeps its due date and its next step keeps the old period; a new case gets the new ones', async () => {
    const reply = await openTask('xj-b.user', runningCase, 'provider-reply');
    const [task] = await stack.db.select().from(requests).where(and(eq(requests.id, runningCase)));
    expect(task!.packHash).toBe(packHash(v1));
    expect(reply.deadline).toMatchObject({ n: 5 });
    expect((await complete('xj-b.user', reply.id, 'agree')).statusCode).toBe(200);
    const provide = await openTask('xj-data.ma', runningCase, 'provide-data');
    expect(provide.deadline).toMatchObject({ n: 3, unit: 'working-days' });

    const submitted = await submit('xj-case-2');
    expect(submitted.json()).toMatchObject({ pack: 'xinjiang-example', packHash: packHash(v2) });
    const review = await openTask('xj-data.ma', submitted.json().id, 'review-forward');
    expect(review.deadline).toMatchObject({ n: 2 });
    expect((await complete('xj-data.ma', review.id, 'forward')).statusCode).toBe(200);
    expect((await openTask('xj-b.user', submitted.json().id, 'provider-reply')).deadline).toMatchObject({ n: 10 });
  });
});

describe('what is never published', () => {
  it('a version already built in or published (409), and a rejected or withdrawn proposal', async () => {
    const builtIn = (await stack.app.inject({ method: 'GET', url: '/api/rule-packs', headers: as.admin })).json().find((v: { packId: string }) => v.packId === 'hebei-2023');
    const data = (await stack.app.inject({ method: 'GET', url: `/api/rule-packs/${builtIn.hash}`, headers: as.admin })).json().pack;
    expect(packHash(data)).toBe(builtIn.hash);
    expect((await propose('data.zhao', data)).statusCode).toBe(409);
    expect((await propose('xj-data.ma', v1)).statusCode).toBe(409);

    const v3 = { ...JSON.parse(JSON.stringify(v2)), version: '1.2.0', titleEn: 'Example measures, third version (test data)' };
    const proposed = await propose('xj-data.ma', v3);
    expect(proposed.statusCode).toBe(201);
    const withdrawn = await decide('xj-data.ma', proposed.json().id, 'reject');
    expect(withdrawn.json()).toMatchObject({ status: 'rejected', decidedBy: 'u-xj-data-ma' });
    expect((await decide('admin', proposed.json().id, 'approve')).statusCode).toBe(409);
    const versions = (await stack.app.inject({ method: 'GET', url: '/api/rule-packs', headers: as.admin })).json();
    expect(versions.some((v: { hash: string }) => v.hash === packHash(v3 as RulePack))).toBe(false);
    const audit = await stack.db.select().from(auditLog).where(eq(auditLog.action, 'rule-pack.rejected'));
    expect(audit).toHaveLength(1);
  });
});

describe('a built-in version a case bound', () => {
  it('is kept with its data, so the case still reads by it once the pack changes in code', async () => {
    const hebei = getPack('hebei-2023');
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: { ...as['mzt.li'], 'idempotency-key': 'hb-built-in' },
      payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '内置规则包版本的保存测试' },
    });
    expect(submitted.json()).toMatchObject({ pack: 'hebei-2023', packHash: packHash(hebei) });
    const kept = await stack.db.select().from(rulePackBuiltInVersions);
    expect(kept.map((k) => [k.hash, packHash(k.pack)])).toEqual([[packHash(hebei), packHash(hebei)]]);

    // An older built-in version, as if the pack had since changed in code: its cases still read by it.
    const older = { ...JSON.parse(JSON.stringify(hebei)), version: '1.1.0', refusalBasis: { ...hebei.refusalBasis, kinds: ['law'] } } as RulePack;
    await stack.db.insert(rulePackBuiltInVersions).values({ hash: packHash(older), packId: 'hebei-2023', version: '1.1.0', pack: older, firstBoundAt: new Date() });
    const store = new PackStore(stack.db);
    expect((await store.forCase('hebei-2023', packHash(older))).refusalBasis.kinds).toEqual(['law']);
    expect(await store.forCase('hebei-2023', null)).toBe(hebei);
    // Never bound again: new cases bind the built-in pack as the code has it.
    expect((await store.bind('hebei', new Date().toISOString())).hash).toBe(packHash(hebei));
  });
});
