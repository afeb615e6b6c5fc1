import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * Anhui art. 27 and art. 26 para. 3 on the desk of the department that must act: the consultation's task shows both
 * entries and what is inconsistent; the verification's task shows that the service applicant has shown valid proof
 * while the review is pending, with the paragraph that protects it.
 */
let app: BrowserApp;
let raiser: Page;
let other: Page;

beforeAll(async () => {
  app = await startBrowserApp();
  [raiser, other] = await Promise.all([app.newUser(), app.newUser()]);
});
afterAll(() => app?.close());

async function submitted(page: Page, process: string): Promise<string> {
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.waitForURL(new RegExp(`/cases/${process}/[0-9a-f-]{36}`));
  return new RegExp(`${process}/([0-9a-f-]{36})`).exec(page.url())![1]!;
}

describe('Anhui: what the other department sees on its task', () => {
  it('the inconsistency on the consultation, and the proof shown with art. 26 para. 3 on the verification', async () => {
    await signIn(raiser, 'ah-mzt.ma');
    await raiser.goto('/cases/new/data-inconsistency');
    await raiser.locator('#nc-catalogueEntryId').fill('AH-GAT-0001');
    await raiser.locator('#nc-ownEntryId').fill('AH-MZT-0001');
    await raiser.locator('#nc-inconsistency').fill('低保对象住址与户籍登记住址不一致：12 条记录');
    const inconsistencyId = await submitted(raiser, 'data-inconsistency');

    await raiser.goto('/cases/new/quality-dispute');
    await raiser.locator('#nc-catalogueEntryId').fill('AH-GAT-0001');
    await raiser.locator('#nc-description').fill('户籍住址字段与实际不符');
    await raiser.getByRole('radio', { name: '直接向数据提供部门' }).check();
    const disputeId = await submitted(raiser, 'quality-dispute');
    const form = raiser.getByTestId('proof-form');
    await raiser.getByText('记录申请人已提供证明材料').click();
    await form.getByRole('radio', { name: '自然人' }).check();
    await form.getByLabel('申请办理的审批或服务事项').fill('最低生活保障资格认定');
    await form.getByLabel('已提供的证明材料').fill('户口簿原件及派出所出具的住址证明');
    await form.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => raiser.getByTestId('proof-shown').textContent()).toContain('最低生活保障资格认定');

    await signIn(other, 'ah-gat.he');
    const consult = await queueRow(other, inconsistencyId, 'consultation');
    await consult.getByRole('link', { name: /^办理/ }).click();
    const facts = other.getByTestId('request');
    await expect.poll(() => facts.getByTestId('detail-inconsistency').textContent()).toBe('低保对象住址与户籍登记住址不一致：12 条记录');
    expect(await facts.getByTestId('detail-ownEntryId').textContent()).toBe('AH-MZT-0001');
    expect(await facts.textContent()).toContain('安徽省民政厅');

    const verify = await queueRow(other, disputeId, 'verify-answer');
    await verify.getByRole('link', { name: /^办理/ }).click();
    const flag = other.getByTestId('review-protection');
    await expect.poll(() => flag.textContent()).toContain('复核期间：申请人已提供合法有效证明材料');
    expect(await flag.getByTestId('proof-shown').textContent()).toContain('户口簿原件及派出所出具的住址证明');
    expect(await flag.getByTestId('proof-rule').textContent()).toContain('不得要求申请人办理数据更正手续');
    expect(await flag.textContent()).toContain('回译');
    expect(await other.getByTestId('request').getByTestId('detail-route').textContent()).toBe('直接向数据提供部门');
    // Applied for directly, the providing department agrees an extension itself.
    expect(await other.getByTestId('extension-form').textContent()).toContain('经数据提供部门同意');
    await screenshot(other, 'review-proof-shown', { fullPage: true });
  });
});
