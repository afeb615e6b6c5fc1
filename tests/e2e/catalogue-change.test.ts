import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCatalogueEntry } from '../support/cases';
import { confirmDecision, queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';
import { beijingDate } from '../support/fixtures';

let app: BrowserApp;
let entryId = '';
let caseId = '';
let provider: Page;
let authority: Page;

beforeAll(async () => {
  app = await startBrowserApp();
  // An entry of this file's own: the approved change rewrites it.
  entryId = (await createCatalogueEntry(app.stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional', prefix: 'E2E-MZT' })).id;
  [provider, authority] = await Promise.all([app.newUser(), app.newUser()]);
});
afterAll(() => app?.close());

async function submitDecision(page: Page, decision: string, reason?: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${decision}`) }).check();
  if (reason) await page.getByRole('textbox', { name: /^理由/ }).fill(reason);
  await confirmDecision(page, decision);
  await expect.poll(() => page.getByRole('status').filter({ hasText: '已提交' }).count()).toBeGreaterThan(0);
}

describe('a catalogue change with an extension', () => {
  it('is opened by the providing department after a change of law', async () => {
    await signIn(provider, 'mzt.li');
    await provider.goto('/cases/new/catalogue-change');
    await provider.getByLabel('目录条目').fill(entryId);
    await provider.getByRole('radio', { name: '法律、法规、规章调整或修改' }).check();
    await provider.getByLabel('说明').fill('《婚姻登记条例》修订，登记信息项目调整');
    // The period runs from the day the law changed, which the department must state.
    await provider.getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => provider.getByTestId('error-nc-changedAt').textContent()).toContain('必填');
    await provider.getByLabel(/^变更发生日期/).fill(beijingDate(1));
    await provider.getByRole('button', { name: '提交', exact: true }).click();
    await provider.waitForURL(/\/cases\/catalogue-change\/[0-9a-f-]{36}/);
    caseId = /catalogue-change\/([0-9a-f-]{36})/.exec(provider.url())![1]!;
    await expect.poll(() => provider.getByTestId('request').textContent()).toContain('变更发生日期');
  });

  it('gets 5 more working days, asked through the form the step allows and granted by the authority', async () => {
    const row = await queueRow(provider, caseId, 'submit-update');
    await row.getByRole('link', { name: /^办理/ }).click();
    const form = provider.getByTestId('extension-form');
    expect(await form.textContent()).toContain('最多可延长 10 个工作日');
    await form.getByLabel(/^延长天数/).fill('5');
    await form.getByLabel(/^延期理由/).fill('新条例配套的数据标准尚未发布');
    await form.getByRole('button', { name: '提交延期申请' }).click();
    await provider.getByText('延期申请已提交').waitFor();

    await signIn(authority, 'data.chen');
    const decide = await queueRow(authority, caseId, 'submit-update.extension');
    await decide.getByRole('link', { name: /^办理/ }).click();
    // The authority decides on the reasons given, shown on its task.
    const asked = authority.getByTestId('extension-request');
    await asked.waitFor();
    expect(await asked.textContent()).toContain('新条例配套的数据标准尚未发布');
    expect(await asked.textContent()).toContain('5 个工作日');
    await submitDecision(authority, '同意延期');

    // The workflow moves the deadline a moment after the grant: open the task until it shows.
    const taskUrl = `/tasks/${encodeURIComponent(`${caseId}/submit-update/1`)}`;
    await expect
      .poll(
        async () => {
          await provider.goto(taskUrl);
          return (await provider.getByTestId('deadline-explained').textContent()) ?? '';
        },
        { timeout: 20_000 },
      )
      .toContain('已延长：+5');
    expect(await provider.getByTestId('deadline-explained').textContent()).toContain('15 个工作日');
    expect(await provider.getByTestId('extension-form').textContent()).toContain('已延长 5，还可申请 5');
    expect(await provider.getByTestId('timeline').textContent()).toContain('准予延期');
  });

  it('is submitted with the changed fields, approved, and the catalogue shows the change', async () => {
    // The form starts from the entry as it stands; fixed vocabularies are choices; the one decision is not pre-chosen.
    const frequency = provider.getByLabel('更新频率');
    await expect.poll(() => frequency.inputValue()).toBe('每日 daily');
    expect(await frequency.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await provider.getByLabel('安全级别').evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await provider.getByLabel('安全级别').inputValue()).toBe('一般 general');
    expect(await provider.getByLabel('使用范围').inputValue()).toBe('测试 test');
    expect(await provider.getByLabel('法律依据').inputValue()).toBe('《测试条例》第一条');
    expect(await provider.getByRole('radio', { name: /^已更新并报送审核/ }).isChecked()).toBe(false);
    await frequency.selectOption('每周 weekly');
    await provider.getByLabel('使用范围').fill('婚姻登记及相关政务服务事项');
    await screenshot(provider, 'catalogue-change', { fullPage: true });
    await submitDecision(provider, '已更新并报送审核');

    // The reviewer sees each submitted field beside the entry's value now: old → new.
    const review = await queueRow(authority, caseId, 'review-update');
    await review.getByRole('link', { name: /^办理/ }).click();
    const changes = authority.getByTestId('proposed-changes');
    const diffRow = (field: string) => changes.locator(`tr[data-field="${field}"]`);
    await expect.poll(() => diffRow('updateFrequency').locator('.diff-old').textContent()).toBe('每日 daily');
    expect(await diffRow('updateFrequency').locator('.diff-new').textContent()).toContain('每周 weekly');
    expect(await diffRow('scopeOfUse').locator('.diff-old').textContent()).toBe('测试 test');
    expect(await diffRow('scopeOfUse').locator('.diff-new').textContent()).toContain('婚姻登记及相关政务服务事项');
    // Fields left as they stood are not submitted.
    expect(await diffRow('securityLevel').count()).toBe(0);
    expect(await authority.getByTestId('request').getByTestId('detail-description').textContent()).toContain('《婚姻登记条例》修订');
    expect(await authority.getByTestId('request').getByTestId('detail-trigger').textContent()).toBe('法律、法规、规章调整或修改');
    await screenshot(authority, 'catalogue-review', { fullPage: true });
    await submitDecision(authority, '批准');

    await provider.goto(`/cases/catalogue-change/${caseId}`);
    await expect.poll(() => provider.getByTestId('request').textContent(), { timeout: 20_000 }).toContain('已批准');
    await provider.goto('/catalogue');
    const row = provider.getByTestId('catalogue').locator('tr', { hasText: entryId });
    await row.waitFor();
    expect(await row.textContent()).toContain('每周');
    expect(await row.textContent()).toContain('婚姻登记及相关政务服务事项');
  });
});
