import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../db/password';
import { users } from '../../db/schema';
import { loginAs } from '../support/stack';
import { queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * 指派 / 转办 on the task page: the Hebei authority's supervisor (赵强, data.zhao) gives a new share request's review to
 * 陈静, then reassigns it to a colleague with written reasons, each after a confirmation; the case's steps name the
 * 承办人; each reviewer finds it in their queue as theirs (or as the other's) and the notice in their inbox.
 */
let app: BrowserApp;
let supervisor: Page;
let chen: Page;
let colleague: Page;
let caseId = '';
let taskId = '';
const tag = randomUUID().slice(0, 6);
const colleagueLogin = `data.liu-${tag}`;
const colleagueName = `刘婷${tag.slice(0, 2)}`;

beforeAll(async () => {
  app = await startBrowserApp();
  [supervisor, chen, colleague] = await Promise.all([app.newUser(), app.newUser(), app.newUser()]);
  await app.stack.db
    .insert(users)
    .values({ id: `u-${colleagueLogin}`, username: colleagueLogin, displayName: colleagueName, departmentId: 'hb-data', roles: ['authority-reviewer'], passwordHash: await hashPassword('demo1234') });
  const created = await app.stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: await loginAs(app.stack.app, 'mzt.li'),
    payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '最低生活保障审核时核验申请人身份（指派与转办）' },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  caseId = created.json().id;
  const asChen = await loginAs(app.stack.app, 'data.chen');
  for (let i = 0; i < 450 && !taskId; i++) {
    const found = ((await app.stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: asChen })).json() as { id: string; requestId: string }[]).find((t) => t.requestId === caseId);
    if (found) taskId = found.id;
    else await new Promise((r) => setTimeout(r, 100));
  }
  if (!taskId) throw new Error('no authority task');
});
afterAll(() => app?.close());

async function chooseAndConfirm(page: Page, name: string, action: '指派' | '转办', reason?: string): Promise<string> {
  const card = page.getByTestId('assign');
  // Offered by name, with how many open tasks each holds.
  const option = card.locator('option').filter({ hasText: new RegExp(`^${name}（在办 \\d+ 件）$`) });
  await card.getByLabel(/^承办人员/).selectOption((await option.getAttribute('value')) ?? '');
  if (reason) await card.getByLabel(/^转办理由/).fill(reason);
  await card.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const question = (await dialog.locator('p').textContent()) ?? '';
  await dialog.getByRole('button', { name: `确认${action}给${name}` }).click();
  return question;
}

describe('the authority’s supervisor, on a reviewer’s task', () => {
  it('assigns it to 陈静, who finds it in their queue as theirs and is told in their inbox', async () => {
    await signIn(supervisor, 'data.zhao');
    await supervisor.goto(`/tasks/${encodeURIComponent(taskId)}`);
    const card = supervisor.getByTestId('assign');
    await card.waitFor();
    expect(await card.getByTestId('assign-holder').textContent()).toContain('尚无承办人');
    // The supervisor holds no reviewer's role: not among the people offered.
    const offered = await card.locator('option').allTextContents();
    expect(offered.some((o) => o.startsWith('陈静'))).toBe(true);
    expect(offered.some((o) => o.startsWith(colleagueName))).toBe(true);
    expect(offered.some((o) => o.startsWith('赵强'))).toBe(false);

    // Nothing chosen: said on the field, nothing sent.
    await card.getByRole('button', { name: '指派', exact: true }).click();
    expect(await supervisor.getByTestId('error-assign-userId').textContent()).toContain('请选择承办人员');

    const question = await chooseAndConfirm(supervisor, '陈静', '指派');
    expect(question).toContain('指派给陈静');
    await expect.poll(() => card.getByTestId('assign-holder').textContent()).toContain('当前承办人：陈静');
    expect(await card.getByRole('status').textContent()).toContain('已指派给陈静');
    // The case's steps name the 承办人 of the open step.
    await expect.poll(() => supervisor.getByTestId('steps').textContent()).toContain('承办人：陈静（办理中）');

    await signIn(chen, 'data.chen');
    const row = await queueRow(chen, caseId, 'review-forward');
    expect(await row.textContent()).toContain('已由您认领');
    await chen.getByRole('link', { name: /^通知与督办/ }).click();
    const notice = chen.locator('[data-kind="task.assigned-to-you"]').filter({ has: chen.locator(`a[href*="${caseId}"]`) });
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.textContent()).toContain('指派给您');
    expect(await notice.textContent()).toContain('赵强');
  });

  it('reassigns it (转办) with reasons: the colleague now holds it; 陈静 sees it is theirs no more', async () => {
    await supervisor.goto(`/tasks/${encodeURIComponent(taskId)}`);
    const card = supervisor.getByTestId('assign');
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toBe('转办');
    // The holder is not offered again; reasons are required before anything is sent.
    expect((await card.locator('option').allTextContents()).some((o) => o.startsWith('陈静'))).toBe(false);
    await card.getByLabel(/^承办人员/).selectOption({ index: 1 });
    await card.getByRole('button', { name: '转办', exact: true }).click();
    expect(await supervisor.getByTestId('error-assign-reason').textContent()).toContain('转办须写明理由');

    const question = await chooseAndConfirm(supervisor, colleagueName, '转办', '陈静本周外出培训，改由他人办理');
    expect(question).toContain(`由陈静转办给${colleagueName}`);
    await expect.poll(() => card.getByTestId('assign-holder').textContent()).toContain(`当前承办人：${colleagueName}`);
    await expect.poll(() => supervisor.getByTestId('steps').textContent()).toContain(`承办人：${colleagueName}（办理中）`);
    // The case's record says who took it from whom, and — for the authority's own eyes — why.
    const timeline = supervisor.getByTestId('timeline');
    await expect.poll(() => timeline.textContent()).toContain(`承办人：陈静 → ${colleagueName} · 理由：陈静本周外出培训`);
    expect(await timeline.textContent()).toContain('指派');
    await screenshot(supervisor, 'task-reassigned', { fullPage: true });

    await signIn(colleague, colleagueLogin);
    const row = await queueRow(colleague, caseId, 'review-forward');
    expect(await row.textContent()).toContain('已由您认领');
    await colleague.getByRole('link', { name: /^通知与督办/ }).click();
    const notice = colleague.locator('[data-kind="task.assigned-to-you"]').filter({ has: colleague.locator(`a[href*="${caseId}"]`) });
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.locator('.notice-kind').textContent()).toBe('转办给您');
    expect(await notice.getByTestId('notice-act').textContent()).toContain('转办人');
    expect(await notice.textContent()).toContain('陈静本周外出培训');
    expect(await notice.textContent()).toContain(`陈静 → ${colleagueName}`);
    await screenshot(colleague, 'inbox-reassigned');

    const chensRow = await queueRow(chen, caseId, 'review-forward');
    expect(await chensRow.textContent()).toContain(`已由 ${colleagueName} 认领`);
    // The supervisor's list of the level's tasks names who holds it.
    const levelRow = await queueRow(supervisor, caseId, 'review-forward', '?scope=level');
    expect(await levelRow.textContent()).toContain(`承办人：${colleagueName}（办理中）`);
    // The requesting department reads that the step changed hands, not the authority's reasons.
    const requester = await app.newUser();
    await signIn(requester, 'mzt.li', `/cases/share-request/${caseId}`);
    const itsTimeline = requester.getByTestId('timeline');
    await expect.poll(() => itsTimeline.textContent()).toContain(`承办人：陈静 → ${colleagueName}`);
    expect(await itsTimeline.textContent()).not.toContain('外出培训');
  });
});
