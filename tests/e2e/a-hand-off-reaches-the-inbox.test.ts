import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { hashPassword } from '../../db/password';
import { departments, users } from '../../db/schema';
import { loginAs } from '../support/stack';
import { secretsLaw } from '../support/cases';
import { screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * A hand-off reaches the department's 通知与督办 at once: the requester of a conditional share request reads that the
 * authority forwarded it (to whom, due when) and that the provider refused (why, and its own task to object, due when),
 * each fact said once; 全部标为已读 marks its own notices read and nobody else's.
 */
let app: BrowserApp;
let requester: Page;
let provider: Page;
let caseId = '';
// The requesting department is one of this test's own, so no other test's notice moves its unread count.
const tag = randomUUID().slice(0, 6);
const requesterDepartment = `hb-zjt-${tag}`;
const requesterName = `zjt.${tag}`;
let objectionDue = '';

const get = async <T,>(url: string, headers: Record<string, string>): Promise<T> => (await app.stack.app.inject({ method: 'GET', url, headers })).json() as T;

async function openTask(headers: Record<string, string>, step: string): Promise<{ id: string; dueAt: string }> {
  for (let i = 0; i < 450; i++) {
    const found = (await get<{ id: string; requestId: string; step: string; dueAt: string }[]>('/api/tasks?limit=200', headers)).find((t) => t.requestId === caseId && t.step === step);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${step} task for ${caseId}`);
}

beforeAll(async () => {
  app = await startBrowserApp();
  [requester, provider] = await Promise.all([app.newUser(), app.newUser()]);
  await app.stack.db.insert(departments).values({
    id: requesterDepartment,
    nameZh: '河北省住房和城乡建设厅',
    nameEn: 'Hebei Provincial Department of Housing and Urban-Rural Development',
    kind: 'department',
    level: 'province',
    jurisdiction: 'hebei',
    authorityId: 'hb-data',
    governmentId: 'hb-gov',
    upperAuthorityId: 'nda',
  });
  await app.stack.db
    .insert(users)
    .values({ id: `u-${requesterName}`, username: requesterName, displayName: '赵敏', departmentId: requesterDepartment, roles: ['requester', 'provider'], passwordHash: await hashPassword('demo1234') });
  const asRequester = await loginAs(app.stack.app, requesterName);
  const asReviewer = await loginAs(app.stack.app, 'data.chen');
  const asProvider = await loginAs(app.stack.app, 'gat.zhang');
  const created = await app.stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: asRequester,
    payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '住房保障资格审核时核验申请人身份', basis: '《公共租赁住房管理办法》第七条' },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  caseId = created.json().id;
  const forward = await app.stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent((await openTask(asReviewer, 'review-forward')).id)}/complete`, headers: asReviewer, payload: { decision: 'forward' } });
  if (forward.statusCode !== 200) throw new Error(forward.body);
  const reply = await openTask(asProvider, 'provider-reply');
  const refuse = await app.stack.app.inject({
    method: 'POST',
    url: `/api/tasks/${encodeURIComponent(reply.id)}/complete`,
    headers: asProvider,
    payload: { decision: 'refuse', reason: '申请的应用场景超出条件共享范围', legalBasis: secretsLaw },
  });
  if (refuse.statusCode !== 200) throw new Error(refuse.body);
  objectionDue = (await openTask(asRequester, 'requester-objection')).dueAt;
});
afterAll(() => app?.close());

/** What a sighted reader sees of an element: its text without what is there for screen readers only. */
const seenText = (locator: Locator) =>
  locator.evaluate((el) => {
    const copy = el.cloneNode(true) as typeof el;
    for (const hidden of copy.querySelectorAll('.sr-only')) hidden.remove();
    return copy.textContent ?? '';
  });

const unreadBadge = async (page: Page) => {
  const badge = page.getByTestId('unread-count');
  return (await badge.count()) ? Number(/\d+/.exec((await badge.textContent()) ?? '')?.[0] ?? 0) : 0;
};

describe('the requester of a refused share request, in 通知与督办', () => {
  it('reads which case, which step, which department decided what, and when its own task is due', async () => {
    await signIn(requester, requesterName);
    await requester.getByRole('link', { name: /^通知与督办/ }).click();
    const list = requester.getByTestId('notifications');
    await list.waitFor();
    const ofCase = list.locator('.notice-item').filter({ has: requester.locator(`a[href*="${caseId}"]`) });
    await expect.poll(() => ofCase.count(), { timeout: 20_000 }).toBe(2);

    // The refusal, with its reasons, and the requester's own task it opens.
    const refusal = ofCase.and(requester.locator('[data-kind="task.assigned"]'));
    await expect.poll(() => refusal.locator('.notice-head').textContent()).toContain('新待办');
    expect(await refusal.locator('.notice-head strong').textContent()).toBe('对不予共享提出异议');
    expect(await refusal.getByTestId('notice-case').textContent()).toContain('共享申请《居民身份证信息》');
    const decided = (await refusal.getByTestId('notice-act').textContent()) ?? '';
    expect(decided).toContain('河北省公安厅');
    expect(decided).toContain('答复是否同意共享：不同意');
    expect(await refusal.textContent()).toContain('理由：申请的应用场景超出条件共享范围');
    // Due as the task says, in Beijing time, read as the law reads a period's end.
    expect(await refusal.getByTestId('notice-due').locator('time').getAttribute('datetime')).toBe(objectionDue);
    expect(await refusal.getByTestId('notice-due').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 24:00/);
    expect(await refusal.getByRole('link', { name: '打开待办' }).getAttribute('href')).toContain(encodeURIComponent(`${caseId}/requester-objection/1`));

    // The forwarding: who decided, the next step and its department, due when — each said once.
    const forwarded = ofCase.and(requester.locator('[data-kind="case.decided"]'));
    expect(await forwarded.locator('.notice-head strong').textContent()).toBe('审核并转至提供部门：审核通过，转提供部门');
    const text = await seenText(forwarded);
    expect(text.split('审核通过，转提供部门').length - 1).toBe(1);
    expect(text).toContain('河北省数据和政务服务局');
    expect(text).toContain('下一步：答复是否同意共享');
    expect(text).toContain('办理部门：河北省公安厅');
    // Nothing escalated that was not sent to it: no second column repeating its notices.
    expect(await requester.getByTestId('escalation-list').count()).toBe(0);
    await screenshot(requester, 'inbox-hand-offs');
  });

  it('marks all its own notices read with one action, and nobody else’s', async () => {
    await signIn(provider, 'gat.zhang', '/inbox');
    const providersNotice = provider.locator('.notice-item').filter({ has: provider.locator(`a[href*="${caseId}"]`) });
    await expect.poll(() => providersNotice.count(), { timeout: 20_000 }).toBe(1);
    expect(await providersNotice.getAttribute('class')).toContain('unread');

    await requester.goto('/inbox');
    await requester.getByTestId('notifications').waitFor();
    await expect.poll(() => unreadBadge(requester)).toBeGreaterThan(0);
    const markAll = requester.getByRole('button', { name: '全部标为已读' });
    expect(await markAll.isEnabled()).toBe(true);
    await markAll.click();
    await expect.poll(() => unreadBadge(requester)).toBe(0);
    await expect.poll(() => requester.locator('.notice-item.unread').count()).toBe(0);
    expect(await markAll.isDisabled()).toBe(true);

    // The provider's notice of the same case is its own: still unread.
    await provider.reload();
    await provider.getByTestId('notifications').waitFor();
    await expect.poll(() => providersNotice.count()).toBe(1);
    expect(await providersNotice.getAttribute('class')).toContain('unread');
  });
});
