import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCatalogueEntry } from '../support/cases';
import { confirmDecision, queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

let app: BrowserApp;
let entryId = '';
let caseId = '';

beforeAll(async () => {
  app = await startBrowserApp();
  // An entry of this file's own, so listing it "not shared" touches nothing another test reads.
  entryId = (await createCatalogueEntry(app.stack.db, { provider: 'hb-gat', sharingAttribute: 'conditional', prefix: 'E2E-GAT' })).id;
});
afterAll(() => app?.close());

async function act(page: Page, username: string, step: string, decision: string): Promise<void> {
  await signIn(page, username);
  const row = await queueRow(page, caseId, step);
  await row.getByRole('link', { name: /^办理/ }).click();
  await page.getByRole('radio', { name: new RegExp(`^${decision}`) }).check();
  await confirmDecision(page, decision);
  await expect.poll(() => page.getByRole('status').filter({ hasText: '已提交' }).count()).toBeGreaterThan(0);
}

describe('a negative-list application, through the authority, the people’s government and the upper-level authority', () => {
  it('is applied for by the providing department and ends on the negative list, filed', async () => {
    const provider = await app.newUser();
    await signIn(provider, 'gat.zhang');
    await provider.goto('/cases');
    await provider.getByRole('link', { name: '+ 负面清单申请' }).click();
    await provider.getByLabel('目录条目').fill(entryId);
    await provider.getByLabel('法律依据').fill('《中华人民共和国保守国家秘密法》第二十八条');
    await provider.getByLabel('理由').fill('该数据涉及国家秘密，依法不得共享');
    await provider.getByRole('button', { name: '提交', exact: true }).click();
    await provider.waitForURL(/\/cases\/negative-list\/[0-9a-f-]{36}/);
    caseId = /negative-list\/([0-9a-f-]{36})/.exec(provider.url())![1]!;

    await act(await app.newUser(), 'data.chen', 'authority-review', '批准');

    // The people's government acts on its task; the case itself is not among the cases it may list.
    // The people's government decides with the legal basis and the reasons in front of it, and the authority's review.
    const government = await app.newUser();
    await signIn(government, 'gov.sun');
    const approval = await queueRow(government, caseId, 'government-approval');
    await approval.getByRole('link', { name: /^办理/ }).click();
    const facts = government.getByTestId('request');
    await expect.poll(() => facts.getByTestId('detail-legalBasis').textContent()).toContain('《中华人民共和国保守国家秘密法》第二十八条');
    expect(await facts.getByTestId('detail-reason').textContent()).toContain('该数据涉及国家秘密，依法不得共享');
    await expect.poll(() => facts.getByTestId('facts-entry').textContent()).toContain(`测试目录 ${entryId}`);
    expect(await government.getByTestId('arguments').textContent()).toContain('批准');
    await government.getByRole('radio', { name: /^批准/ }).check();
    await screenshot(government, 'government-approval', { fullPage: true });
    expect(await confirmDecision(government, '批准')).toContain('确认批准列入负面清单？');
    await expect.poll(() => government.getByRole('status').filter({ hasText: '已提交' }).count()).toBeGreaterThan(0);
    expect(await government.getByTestId('deadline-explained').textContent()).toContain('20 个工作日');
    expect(await government.getByTestId('citation').textContent()).toContain('本地政策');

    await act(await app.newUser(), 'nda.gao', 'record-filing', '已备案');

    await provider.goto(`/cases/negative-list/${caseId}`);
    await expect.poll(() => provider.getByTestId('request').textContent(), { timeout: 20_000 }).toContain('已备案');
    await provider.goto('/catalogue');
    const listed = provider.getByTestId('negative-list').locator('tr', { hasText: entryId });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('保守国家秘密法');
    expect(await listed.textContent()).not.toContain('尚未备案');
    await provider.getByRole('heading', { name: '负面清单' }).scrollIntoViewIfNeeded();
    await screenshot(provider, 'negative-list');
  });
});
