import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { confirmDecision, queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * A data-quality dispute: the providing department is asked to 校核并释明或修复. It must see what is disputed (the
 * requester's 说明 and 证明材料) on the task it decides, and the requester then sees the provider's answer.
 */
let app: BrowserApp;
let requester: Page;
let authority: Page;
let provider: Page;
let caseId = '';

beforeAll(async () => {
  app = await startBrowserApp();
  [requester, authority, provider] = await Promise.all([app.newUser(), app.newUser(), app.newUser()]);
});
afterAll(() => app?.close());

describe('a data-quality dispute on the provider’s desk', () => {
  it('shows the provider the dispute’s description and evidence, above the decision, with the entry by name', async () => {
    await signIn(requester, 'wsjkw.yang');
    await requester.goto('/cases/new/quality-dispute?entry=HB-RST-0001');
    await requester.getByLabel('目录条目').fill('HB-RST-0001');
    await requester.getByLabel('说明').fill('参保状态与本单位登记不一致：3 名已参保人员显示为“未参保”');
    await requester.getByLabel('证明材料').fill('2025年9月核验记录截图 3 份；参保缴费凭证编号 HB-2025-0931');
    await requester.getByRole('button', { name: '提交', exact: true }).click();
    await requester.waitForURL(/\/cases\/quality-dispute\/[0-9a-f-]{36}/);
    caseId = /quality-dispute\/([0-9a-f-]{36})/.exec(requester.url())![1]!;

    await signIn(authority, 'data.chen');
    const forward = await queueRow(authority, caseId, 'forward-dispute');
    await forward.getByRole('link', { name: /^办理/ }).click();
    // The authority forwards a dispute it can read.
    await expect.poll(() => authority.getByTestId('detail-description').textContent()).toContain('3 名已参保人员');
    await authority.getByRole('radio', { name: /^审核通过，转提供部门/ }).check();
    expect(await confirmDecision(authority, '审核通过，转提供部门')).toContain('校核并释明或修复');
    await expect.poll(() => authority.getByRole('status').filter({ hasText: '已提交' }).count()).toBeGreaterThan(0);

    await signIn(provider, 'rst.liu');
    const verify = await queueRow(provider, caseId, 'verify-answer');
    await verify.getByRole('link', { name: /^办理/ }).click();
    const facts = provider.getByTestId('request');
    await expect.poll(() => facts.getByTestId('detail-description').textContent()).toBe('参保状态与本单位登记不一致：3 名已参保人员显示为“未参保”');
    expect(await facts.getByTestId('detail-evidence').textContent()).toBe('2025年9月核验记录截图 3 份；参保缴费凭证编号 HB-2025-0931');
    expect(await facts.textContent()).toContain('说明');
    expect(await facts.textContent()).toContain('证明材料');
    expect(await facts.textContent()).toContain('河北省卫生健康委员会');
    await expect.poll(() => facts.getByTestId('facts-entry').textContent()).toContain('社会保险参保信息');
    expect(await provider.getByTestId('arguments').textContent()).toContain('河北省数据和政务服务局');
    await screenshot(provider, 'dispute-facts', { fullPage: true });

    await provider.getByRole('radio', { name: /^已核实并说明/ }).check();
    await provider.getByRole('textbox', { name: /^理由/ }).fill('经核实，3 人于 9 月补缴，数据已于次日同步');
    expect(await confirmDecision(provider, '已核实并说明')).toContain('需求部门可接受或提出异议');
    await expect.poll(() => provider.getByRole('status').filter({ hasText: '已提交' }).count()).toBeGreaterThan(0);

    // The requester answers knowing the provider's explanation.
    const respond = await queueRow(requester, caseId, 'requester-response');
    await respond.getByRole('link', { name: /^办理/ }).click();
    await expect.poll(() => requester.getByTestId('arguments').textContent()).toContain('经核实，3 人于 9 月补缴');
  });
});
