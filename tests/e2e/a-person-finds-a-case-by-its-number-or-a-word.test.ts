import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs } from '../support/stack';
import { screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * Finding things (issue 14 item 6): the authority's reviewer finds a case among all of its level's by its 受理编号 and
 * by a word of its scenario, in the case list and in the task list, sees the number, the entry's name, the scenario
 * and the received date on the row, sorts by a column, and opens the case and the task, whose titles carry the number.
 */
let app: BrowserApp;
let reviewer: Page;
let caseNumber = '';
let caseId = '';
const scenario = '孤儿基本生活保障金发放前核验监护人学历';

/** Where this test's screenshots go for the author to look at (docs/screenshots with SCREENSHOTS=1). */
async function look(page: Page, name: string) {
  mkdirSync('/tmp/case-numbers-shots', { recursive: true });
  await page.screenshot({ path: `/tmp/case-numbers-shots/${name}.png`, fullPage: true });
  await screenshot(page, name, { fullPage: true });
}

beforeAll(async () => {
  app = await startBrowserApp();
  reviewer = await app.newUser();
  const civil = await loginAs(app.stack.app, 'mzt.li');
  const created = await app.stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: civil, payload: { catalogueEntryId: 'HB-JYT-0001', scenario } });
  expect(created.statusCode, created.body).toBe(201);
  ({ caseNumber, id: caseId } = created.json());
});
afterAll(() => app?.close());

async function search(page: Page, id: string, text: string) {
  const box = page.locator(`#${id}`);
  await box.fill(text);
  await box.press('Enter');
}

describe('a person finds a case by its number or a word of its scenario', () => {
  it('finds it in the case list by its 受理编号, then by a word of the scenario, and opens it', async () => {
    await signIn(reviewer, 'data.chen', '/cases');
    await reviewer.getByRole('searchbox', { name: '搜索' }).waitFor();
    await search(reviewer, 'c-q', caseNumber);
    await reviewer.waitForURL(/[?&]q=/);
    const table = reviewer.getByTestId('cases-share-request');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const row = table.locator(`tr[data-case-id="${caseId}"]`);
    expect(await row.textContent()).toContain(caseNumber);
    expect(await row.textContent()).toContain('高等学校学历信息');
    expect(await row.textContent()).toContain(scenario);
    expect(await row.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await reviewer.getByTestId('cases-total-share-request').textContent()).toContain('共 1 件');
    await look(reviewer, 'search-by-case-number');

    await search(reviewer, 'c-q', '保障金');
    await expect.poll(() => reviewer.url()).toContain(encodeURIComponent('保障金'));
    await row.waitFor();
    const header = reviewer.getByRole('button', { name: /^受理编号/ }).first();
    await header.click();
    await expect.poll(() => reviewer.locator('th[aria-sort="ascending"]').first().textContent()).toContain('受理编号');
    await look(reviewer, 'search-by-scenario-word');
    await row.getByRole('link', { name: caseNumber }).click();
    await reviewer.waitForURL(new RegExp(`/cases/share-request/${caseId}`));
    await reviewer.getByRole('heading', { level: 1, name: caseNumber }).waitFor();
    expect(await reviewer.title()).toContain(caseNumber);
    expect(await reviewer.getByTestId('facts-case-number').textContent()).toBe(caseNumber);
    await look(reviewer, 'case-with-number');
  });

  it('finds its task in the task list by the number, with the case on the row, and opens it', async () => {
    await reviewer.goto('/tasks');
    await search(reviewer, 'f-q', caseNumber);
    const row = reviewer.locator(`tr[data-request-id="${caseId}"]`);
    for (let i = 0; i < 60 && (await row.count()) === 0; i++) {
      await reviewer.getByRole('button', { name: '刷新' }).click();
      await row.first().waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
    await row.first().waitFor();
    expect(await reviewer.locator('table[data-testid="queue"] tbody tr').count()).toBe(1);
    const text = (await row.first().textContent()) ?? '';
    expect(text).toContain(caseNumber);
    expect(text).toContain('高等学校学历信息');
    expect(text).toContain(scenario);
    expect(await reviewer.getByRole('status').filter({ hasText: '共 1 项' }).count()).toBe(1);
    await look(reviewer, 'task-search-by-case-number');
    await row.first().getByRole('link', { name: /^办理/ }).click();
    await reviewer.getByRole('heading', { level: 1, name: caseNumber }).waitFor();
    expect(await reviewer.title()).toContain(caseNumber);
  });
});
