import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../db/password';
import { users } from '../../db/schema';
import { authorityTaskOf } from '../support/authority-task';
import { loginAs } from '../support/stack';
import { confirmDecision, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * Two reviewers of the authority open the same task; 陈静 decides first. The other, deciding a moment later, is told
 * in Chinese only who took the decision and when (该事项已由 陈静 于 … 办结), and the page shows the task as it is
 * now — the form gone, the decision taken — instead of an English "conflict".
 */
let app: BrowserApp;
let page: Page;
const tag = randomUUID().slice(0, 6);
const username = `wang.${tag}`;
let taskId = '';
let requester: Record<string, string>;
let reviewer: Record<string, string>;

/** A fresh share request's authority task. */
const newAuthorityTask = async (scenario: string) => (await authorityTaskOf(app.stack.app, { requester, reviewer }, scenario)).id;

beforeAll(async () => {
  app = await startBrowserApp();
  page = await app.newUser();
  await app.stack.db
    .insert(users)
    .values({ id: `u-${username}`, username, displayName: '王磊', departmentId: 'hb-data', roles: ['authority-reviewer'], passwordHash: await hashPassword('demo1234') });
  requester = await loginAs(app.stack.app, 'mzt.li');
  reviewer = await loginAs(app.stack.app, 'data.chen');
  taskId = await newAuthorityTask(`企业开办时核验营业执照 ${tag}`);
}, 180_000);
afterAll(() => app?.close());

describe('a decision someone else took first', () => {
  it('is named — who and when, in Chinese only — and the task shows as it is now', async () => {
    await signIn(page, username, `/tasks/${encodeURIComponent(taskId)}`);
    await page.getByTestId('decision-form').waitFor();
    // One language at a time: no English subtitle under the app's name.
    expect(await page.locator('header.topbar').innerText()).not.toMatch(/Government|approvals/);
    await page.getByRole('radio', { name: /^已提供数据/ }).check();

    // 陈静 decides meanwhile, from her own desk.
    const chen = await loginAs(app.stack.app, 'data.chen');
    const first = await app.stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers: chen, payload: { decision: 'provided' } });
    expect(first.statusCode, first.body).toBe(200);

    await confirmDecision(page, '已提供数据');
    const notice = page.getByTestId('acted-on');
    await notice.waitFor();
    const said = await notice.innerText();
    expect(said).toMatch(/^该事项已由 陈静 于 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 办结/);
    expect(said).not.toMatch(/[A-Za-z]{4,}/);
    // The task as it is now: no form to send again, the decision that was taken.
    await expect.poll(() => page.getByTestId('decision-form').count()).toBe(0);
    await expect.poll(() => page.locator('section[aria-labelledby="act-title"]').innerText()).toContain('已提供数据');
    await screenshot(page, 'task-decided-by-someone-else');
  });
});

describe('what is typed and what happens elsewhere', () => {
  it('keeps the reasons typed through a reload, and drops them once the decision is sent', async () => {
    const id = await newAuthorityTask(`草稿不丢失 ${tag}`);
    await page.goto(`/tasks/${encodeURIComponent(id)}`);
    await page.getByTestId('decision-form').waitFor();
    await page.getByRole('radio', { name: /^已提供数据/ }).check();
    await page.getByLabel(/^理由/).fill('已核对营业执照信息，按目录提供。');
    expect(await page.getByTestId('char-count').first().innerText()).toBe('已输入 16 / 4000 字');
    await page.reload();
    await page.getByTestId('decision-form').waitFor();
    expect(await page.getByLabel(/^理由/).inputValue()).toBe('已核对营业执照信息，按目录提供。');
    expect(await page.getByRole('radio', { name: /^已提供数据/ }).isChecked()).toBe(true);
    await confirmDecision(page, '已提供数据');
    await page.getByText('已提交：已提供数据').waitFor();
    const kept = await page.evaluate<string[]>('Object.keys(sessionStorage).filter((k) => k.startsWith("gds.draft:") && k.includes(":decide:"))');
    expect(kept.filter((k) => k.includes(id))).toEqual([]);
  });

  it('follows the task live: a decision taken elsewhere is shown, by whom, without a reload', async () => {
    const id = await newAuthorityTask(`实时刷新 ${tag}`);
    await page.goto(`/tasks/${encodeURIComponent(id)}`);
    await page.getByTestId('decision-form').waitFor();
    const chen = await loginAs(app.stack.app, 'data.chen');
    const taken = await app.stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(id)}/complete`, headers: chen, payload: { decision: 'provided' } });
    expect(taken.statusCode, taken.body).toBe(200);
    const notice = page.getByTestId('acted-on');
    await notice.waitFor({ timeout: 25_000 });
    expect(await notice.innerText()).toMatch(/^该事项已由 陈静 于 .+ 办结。$/);
    expect(await page.locator('section[aria-labelledby="act-title"]').innerText()).toContain('承办人：陈静');
  });
});
