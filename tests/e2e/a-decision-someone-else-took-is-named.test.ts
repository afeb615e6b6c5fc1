import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../db/password';
import { users } from '../../db/schema';
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

beforeAll(async () => {
  app = await startBrowserApp();
  page = await app.newUser();
  await app.stack.db
    .insert(users)
    .values({ id: `u-${username}`, username, displayName: '王磊', departmentId: 'hb-data', roles: ['authority-reviewer'], passwordHash: await hashPassword('demo1234') });
  const requester = await loginAs(app.stack.app, 'mzt.li');
  const reviewer = await loginAs(app.stack.app, 'data.chen');
  const created = await app.stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: requester,
    payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: `企业开办时核验营业执照 ${tag}` },
  });
  expect(created.statusCode, created.body).toBe(201);
  const requestId = created.json().id as string;
  for (let i = 0; i < 450 && !taskId; i++) {
    const tasks = (await app.stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: reviewer })).json() as { id: string; requestId: string }[];
    taskId = tasks.find((t) => t.requestId === requestId)?.id ?? '';
    if (!taskId) await new Promise((r) => setTimeout(r, 100));
  }
  expect(taskId).not.toBe('');
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
