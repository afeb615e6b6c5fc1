import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * Hebei draft art. 21: a Shijiazhuang department asks for a provincial entry. The request reaches the provincial
 * authority through the city authority, whose task page shows the route, hop by hop, marked as taken from the draft.
 */
let app: BrowserApp;
let requester: Page;
let cityAuthority: Page;

beforeAll(async () => {
  app = await startBrowserApp();
  [requester, cityAuthority] = await Promise.all([app.newUser(), app.newUser()]);
});
afterAll(() => app?.close());

describe('a city department’s request for provincial data', () => {
  it('is the city authority’s relay task, whose page shows the route: requester → city authority → provincial authority → provider', async () => {
    await signIn(requester, 'sjz-gaj.wu');
    await requester.goto('/cases/new/share-request');
    await requester.getByLabel('目录条目').fill('HB-GAT-0001');
    await requester.getByLabel('应用场景').fill('办理案件时核验当事人身份');
    await requester.getByRole('button', { name: '提交', exact: true }).click();
    await requester.waitForURL(/\/cases\/share-request\/[0-9a-f-]{36}/);
    const caseId = /share-request\/([0-9a-f-]{36})/.exec(requester.url())![1]!;

    await signIn(cityAuthority, 'sjz-data.zhou');
    const relay = await queueRow(cityAuthority, caseId, 'relay-upward');
    await relay.getByRole('link', { name: /^办理/ }).click();
    const route = cityAuthority.getByTestId('facts-route');
    await expect.poll(() => route.textContent()).toContain('河北省数据和政务服务局');
    const hops = await route.getByRole('listitem').allTextContents();
    expect(hops).toHaveLength(4);
    expect(hops[0]).toContain('石家庄市公安局');
    expect(hops[1]).toContain('石家庄市数据和政务服务局');
    expect(hops[1]).toContain('转报');
    expect(hops[2]).toContain('河北省数据和政务服务局');
    expect(hops[3]).toContain('河北省公安厅');
    expect(await route.textContent()).toContain('依征求意见稿');
    expect(await route.textContent()).toContain('第二十一条');
    expect(await cityAuthority.getByTestId('decision-form').textContent()).toContain('转报上一级政务数据主管部门');
    await screenshot(cityAuthority, 'cross-level-route', { fullPage: true });
  });
});
