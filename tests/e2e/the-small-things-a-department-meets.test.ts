import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { createCatalogueEntry } from '../support/cases';
import { beijingDate } from '../support/fixtures';
import { queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * The smaller things a department meets in the web app (issue 14 item 16), on a desktop and on a phone: the brand
 * mark is an emblem, not a menu button; the phone's navigation shows every section; the 督办 column only when a row
 * has a rung; a new case says its first step is being opened; a 不予共享 entry is explained before the request is
 * sent; long texts count their characters.
 */
let app: BrowserApp;
let desk: Page;
let phone: Page;
let entryId = '';
let caseId = '';

beforeAll(async () => {
  app = await startBrowserApp();
  entryId = (await createCatalogueEntry(app.stack.db, { provider: 'hb-mzt', sharingAttribute: 'conditional', prefix: 'E2E-SMALL' })).id;
  [desk, phone] = await Promise.all([app.newUser(), app.newUser({ viewport: { width: 390, height: 844 } })]);
  await signIn(desk, 'mzt.li');
  await signIn(phone, 'mzt.li');
});
afterAll(() => app?.close());

/** axe-core's serious and critical findings on the whole page (the bar and navigation included). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the app's CSP (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(axe.source);
  return (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))",
  )) as string[];
}

/** Whether the 督办 column is shown exactly when some row has a rung (the shared suite's rows may have some). */
async function rungColumnFollowsRows(page: Page): Promise<{ header: number; rungs: number; labelled: number }> {
  await page.getByTestId('queue').waitFor();
  return {
    header: await page.getByTestId('queue').getByRole('columnheader', { name: '督办' }).count(),
    rungs: await page.getByTestId('queue').getByTestId('rung').count(),
    labelled: await page.locator('[data-testid="queue"] td[data-label="督办"]').count(),
  };
}

describe('the brand mark', () => {
  it('is a decorative emblem beside the name, not a menu button', async () => {
    for (const page of [desk, phone]) {
      const mark = page.getByTestId('brand-mark');
      expect(await mark.getAttribute('aria-hidden')).toBe('true');
      expect(await mark.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
      // An emblem (a ring round linked nodes), not three bars; nothing around it to press or focus.
      expect(await mark.locator('circle').count()).toBeGreaterThanOrEqual(4);
      expect(await mark.evaluate((el) => el.closest('button, a, [role="button"], [tabindex]') === null)).toBe(true);
      expect(await page.getByRole('button', { name: /菜单|menu|导航/i }).count()).toBe(0);
      expect(await page.locator('.brand').textContent()).toBe('政务数据共享审批');
    }
  });
});

describe('the navigation on a phone', () => {
  it('shows every section on the screen, none past an edge, each reached by the keyboard', async () => {
    const nav = phone.getByRole('navigation', { name: '主导航' });
    const links = nav.getByRole('link');
    const names = await links.allTextContents();
    // 通知与督办 carries its unread count when the suite's other cases have notified the department.
    expect(names.map((n) => n.replace(/\d+ 条未读$/, ''))).toEqual(['我的待办', '本部门案件', '目录与负面清单', '工作日历', '通知与督办']);
    expect(await nav.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    // Tab walks the sections in order, each with a visible focus.
    await links.first().focus();
    for (const name of names.slice(1)) {
      await phone.keyboard.press('Tab');
      expect(await phone.evaluate('document.activeElement?.textContent')).toBe(name);
    }
    await screenshot(phone, 'nav-phone');
  });
});

describe('a request for a 不予共享 entry', () => {
  it('is explained in the form, with the catalogue’s legal basis, before it is sent', async () => {
    for (const page of [desk, phone]) {
      await page.goto('/cases/new/share-request');
      // The picker offers the entries with their sharing attribute.
      expect(await page.locator('#nc-entries option[value="HB-GAT-0009"]').textContent()).toContain('不予共享');
      await page.getByLabel('目录条目').fill('HB-MZT-0001');
      expect(await page.getByTestId('not-shared-warning').count()).toBe(0);
      await page.getByLabel('目录条目').fill('HB-GAT-0009');
      const warning = page.getByTestId('not-shared-warning');
      await warning.waitFor();
      expect(await page.locator('.entry-info').textContent()).toContain('不予共享');
      expect(await warning.textContent()).toContain('注意：该条目为不予共享类');
      expect(await warning.textContent()).toContain('提交后不会被直接拒绝');
      expect(await warning.textContent()).toContain('须说明理由并写明法律依据');
      expect(await warning.getByTestId('not-shared-warning-basis').textContent()).toBe('目录所列法律依据：《中华人民共和国保守国家秘密法》');
      expect(await warning.isVisible()).toBe(true);
      await page.getByLabel('应用场景').fill('核查社会组织发起人是否涉及在办案件');
      expect(await page.getByTestId('char-count').first().textContent()).toBe('已输入 17 / 2000 字');
      expect(await seriousViolations(page)).toEqual([]);
    }
    await screenshot(desk, 'not-shared-warning-desktop', { fullPage: true });
    // The same, complete in English.
    await desk.getByRole('button', { name: 'Switch to English' }).click();
    const english = desk.getByTestId('not-shared-warning');
    await expect.poll(() => english.textContent()).toContain('Note: this entry is classed not shared');
    expect(await english.textContent()).toContain('the request is not refused on submission');
    expect(await english.getByTestId('not-shared-warning-basis').textContent()).toBe('Legal basis stated in the catalogue: 《中华人民共和国保守国家秘密法》');
    expect(await english.textContent()).not.toMatch(/[\u4e00-\u9fff](?![^《]*》)/);
    await desk.getByRole('button', { name: '切换到中文' }).click();
  });
});

describe('a new case', () => {
  it('says its first step is being opened until the step appears', async () => {
    // The worker held back, as on a busy machine: the case is recorded, its first step not yet opened.
    await app.stack.stopWorker();
    try {
      await desk.goto('/cases/new/catalogue-change');
      await desk.getByLabel('目录条目').fill(entryId);
      await desk.getByRole('radio', { name: '法律、法规、规章调整或修改' }).check();
      await desk.getByLabel(/^变更发生日期/).fill(beijingDate(1));
      await desk.getByLabel('说明').fill('登记信息项目调整');
      expect(await desk.getByTestId('char-count').textContent()).toBe('已输入 8 / 2000 字');
      await desk.getByRole('button', { name: '提交', exact: true }).click();
      await desk.waitForURL(/\/cases\/catalogue-change\/[0-9a-f-]{36}/);
      caseId = /catalogue-change\/([0-9a-f-]{36})/.exec(desk.url())![1]!;
      const preparing = desk.getByTestId('first-step-preparing');
      await preparing.waitFor();
      expect(await preparing.textContent()).toBe('正在开启第一个办理环节…');
      expect(await preparing.getAttribute('role')).toBe('status');
      expect(await desk.getByTestId('steps').locator('li').count()).toBe(0);
      expect(await seriousViolations(desk)).toEqual([]);
      // On the phone too, and in English.
      await phone.goto(desk.url());
      await phone.getByTestId('first-step-preparing').waitFor();
      await screenshot(phone, 'first-step-preparing-phone');
      await phone.getByRole('button', { name: 'Switch to English' }).click();
      await expect.poll(() => phone.getByTestId('first-step-preparing').textContent()).toBe('Opening the first step…');
      await phone.getByRole('button', { name: '切换到中文' }).click();
    } finally {
      await app.stack.startWorker();
    }
    // Then the step appears on the same page, without a reload, and the notice goes.
    await desk.getByTestId('steps').locator('li').first().waitFor({ timeout: 30_000 });
    expect(await desk.getByTestId('first-step-preparing').count()).toBe(0);
    await desk.getByTestId('my-open-tasks').getByRole('link').first().waitFor();
  });

  it('is listed without an empty 督办 column, on the desktop and on the phone', async () => {
    await queueRow(desk, caseId, 'submit-update');
    const onDesk = await rungColumnFollowsRows(desk);
    expect(onDesk.header).toBe(onDesk.rungs > 0 ? 1 : 0);
    await screenshot(desk, 'queue-without-rung-column');
    await queueRow(phone, caseId, 'submit-update');
    const onPhone = await rungColumnFollowsRows(phone);
    expect(onPhone.labelled).toBe(onPhone.rungs > 0 ? await phone.locator('[data-testid="queue"] tbody tr').count() : 0);
  });

  it('counts the characters of the entry fields the update proposes', async () => {
    const row = await queueRow(desk, caseId, 'submit-update');
    await row.getByRole('link', { name: /^办理/ }).click();
    const field = desk.locator('#decide-payload-scopeOfUse');
    await field.waitFor();
    const count = desk.locator('#decide-payload-scopeOfUse ~ [data-testid="char-count"]');
    await expect.poll(() => count.textContent()).toBe(`已输入 ${[...'测试 test'].length} / 2000 字`);
    await field.fill('办理婚姻登记');
    expect(await count.textContent()).toBe('已输入 6 / 2000 字');
  });
});
