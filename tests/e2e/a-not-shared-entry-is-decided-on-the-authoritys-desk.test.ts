import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * HB-GAT-0009 is classed 不予共享 in the catalogue but was never listed on the negative list the people's government
 * approves (Hebei draft art. 15). A request for it reaches the authority as conditional data does, and the authority
 * sees why, with the legal basis the catalogue states.
 */
let app: BrowserApp;
let requester: Page;
let authority: Page;

beforeAll(async () => {
  app = await startBrowserApp();
  [requester, authority] = await Promise.all([app.newUser(), app.newUser()]);
});
afterAll(() => app?.close());

describe('a request for data classed not shared but never listed', () => {
  it('is on the authority’s desk with the catalogue’s legal basis and why it is decided, not refused', async () => {
    await signIn(requester, 'mzt.li');
    await requester.goto('/cases/new/share-request');
    await requester.getByLabel('目录条目').fill('HB-GAT-0009');
    await requester.getByLabel('应用场景').fill('核查社会组织发起人是否涉及在办案件');
    await requester.getByRole('button', { name: '提交', exact: true }).click();
    await requester.waitForURL(/\/cases\/share-request\/[0-9a-f-]{36}/);
    const caseId = /share-request\/([0-9a-f-]{36})/.exec(requester.url())![1]!;

    await signIn(authority, 'data.chen');
    const review = await queueRow(authority, caseId, 'review-forward');
    await review.getByRole('link', { name: /^办理/ }).click();
    const facts = authority.getByTestId('request');
    await expect.poll(() => facts.getByTestId('facts-entry').textContent()).toContain('不予共享');
    expect(await facts.getByTestId('facts-entry-legal-basis').textContent()).toBe('《中华人民共和国保守国家秘密法》');
    expect(await facts.getByTestId('facts-not-shared-decided').textContent()).toContain('未经本级人民政府批准列入负面清单');
    expect(await authority.getByTestId('decision-form').textContent()).toContain('审核通过，转提供部门');
    await screenshot(authority, 'not-shared-decided', { fullPage: true });
  });
});
