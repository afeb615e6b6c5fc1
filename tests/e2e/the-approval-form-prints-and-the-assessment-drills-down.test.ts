/**
 * Issue 14 items 11 and 12, as people use them in Chromium on the real stack.
 * - 审批单: a department opens its case, presses 打印审批单 and prints it; the PDF Chromium prints (A4) holds every step
 *   with its department, the person who acted (承办人), the decision, reasons, legal basis and the article its period
 *   rests on, and none of the navigation.
 * - 考核评估: the authority's supervisor reads what each figure counts, the charts (Apache ECharts, with their aria
 *   descriptions, loaded only on this page), weeks as date ranges, drills down from a department to its overdue tasks
 *   and opens one, is told and shown nothing stale when the period is wrong, and exports a CSV Excel opens (UTF-8 with
 *   BOM, Chinese headings and names, percentages; English in English mode).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import axe from 'axe-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DATA_DIR } from '../../scripts/paths';
import { secretsLaw } from '../support/cases';
import { loginAs } from '../support/stack';
import { screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

let app: BrowserApp;
let department: Page;
let supervisor: Page;
let caseId = '';
let caseNumber = '';
let lateCaseId = '';

const day = 86_400_000;
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

const sessions = new Map<string, Record<string, string>>();

async function inject(user: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  if (!sessions.has(user)) sessions.set(user, await loginAs(app.stack.app, user));
  const headers = sessions.get(user)!;
  const response = await app.stack.app.inject({ method, url, headers, payload });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** The open task of `step` in the case, once its workflow has opened it. */
async function openTask(user: string, requestId: string, step: string): Promise<{ id: string }> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const tasks = (await inject(user, 'GET', '/api/tasks?limit=200')) as { id: string; requestId: string; step: string }[];
    const task = tasks.find((t) => t.requestId === requestId && t.step === step);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${step} task for ${requestId}`);
}

/**
 * The radicals some CJK fonts' tables map a glyph back to (the PDF's ToUnicode then says ⻔ for 门): read as the
 * characters they stand for. Kangxi radicals (⾄ for 至) are undone by NFKC; these, of the CJK Radicals Supplement, have
 * no decomposition.
 */
const radicals: Record<string, string> = { '⻔': '门', '⺠': '民', '⻅': '见', '⻬': '齐', '⻓': '长', '⻢': '马', '⻋': '车', '⻛': '风', '⻩': '黄', '⻉': '贝', '⻚': '页', '⻄': '西', '⻘': '青', '⺟': '母', '⻆': '角', '⻜': '飞' };

/** The text of every page of a PDF, as a reader would copy it (pdf.js, the library Firefox reads PDFs with). */
async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const standardFontDataUrl = `${resolve(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'), '..', 'standard_fonts')}/`;
  const pdf = await getDocument({ data: bytes, standardFontDataUrl, useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { pages, text: text.normalize('NFKC').replace(/[\u2e80-\u2eff]/g, (c) => radicals[c] ?? c) };
}

/** The page scrolls only down: nothing sticks out to the right (the wide table scrolls in its own box). */
async function notWiderThanTheWindow(page: Page): Promise<void> {
  const wide = await page.evaluate(
    "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll')).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))",
  );
  expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), JSON.stringify(wide)).toBe(0);
}

/** axe-core's serious and critical findings in the page's main content, each with up to three of its elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the app's CSP (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(axe.source);
  return (await page.evaluate(
    "axe.run(document.querySelector('main'), { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))",
  )) as string[];
}

beforeAll(async () => {
  app = await startBrowserApp();
  [department, supervisor] = await Promise.all([app.newUser(), app.newUser()]);
  // A share request of 河北省民政厅: forwarded by the authority's reviewer 陈静, refused by 河北省公安厅's 张伟 with
  // reasons and the law it rests on. Its requester may object: the third step is open when it is printed.
  const created = await inject('mzt.li', 'POST', '/api/share-requests', {
    catalogueEntryId: 'HB-GAT-0001',
    scenario: '婚姻登记时核验当事人身份',
    basis: '《婚姻登记条例》第七条',
  });
  caseId = created.id;
  caseNumber = created.caseNumber;
  const review = await openTask('data.chen', caseId, 'review-forward');
  await inject('data.chen', 'POST', `/api/tasks/${encodeURIComponent(review.id)}/complete`, { decision: 'forward', reason: '材料齐全，转提供部门' });
  const reply = await openTask('gat.zhang', caseId, 'provider-reply');
  await inject('gat.zhang', 'POST', `/api/tasks/${encodeURIComponent(reply.id)}/complete`, {
    decision: 'refuse',
    reason: '申请场景超出条件共享范围',
    legalBasis: secretsLaw,
  });
  // A case received four weeks ago and registered late: the authority's own review is overdue (and escalated).
  const late = await inject('data.chen', 'POST', '/api/share-requests', {
    catalogueEntryId: 'HB-GAT-0001',
    scenario: '补录的纸质申请：社会救助时核验身份',
    receivedAt: new Date(Date.now() - 28 * day).toISOString(),
    receivedAtReason: '纸质申请件补录',
    onBehalfOf: 'hb-mzt',
  });
  lateCaseId = late.id;
  await openTask('data.chen', lateCaseId, 'review-forward');
  // Up to four workflow steps in turn, on a machine shared with other test runs.
}, 420_000);
afterAll(() => app?.close());

describe('审批单: the approval form of a case, printed', () => {
  it('is reached from the case page and shows every step with its department, 承办人, decision, reasons, legal basis and citation', async () => {
    await signIn(department, 'mzt.li');
    await department.goto(`/cases/share-request/${caseId}`);
    await department.getByRole('link', { name: '打印审批单' }).click();
    await department.waitForURL(`**/cases/share-request/${caseId}/print`);
    const form = department.getByTestId('approval-form');
    await form.waitFor();
    await expect.poll(() => department.getByTestId('print-step').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await department.getByRole('heading', { level: 1 }).textContent()).toBe('共享申请审批单');
    // The case's 受理编号 heads the form.
    expect(caseNumber).toMatch(/^冀数共申〔\d{4}〕\d{4,}号$/);
    expect(await department.getByTestId('print-case-number').textContent()).toBe(caseNumber);
    const [review, reply] = await department.getByTestId('print-step').all();
    const reviewText = (await review!.textContent()) ?? '';
    expect(reviewText).toContain('审核并转至提供部门');
    expect(reviewText).toContain('河北省数据和政务服务局');
    expect(await review!.getByTestId('print-person').textContent()).toBe('陈静');
    expect(reviewText).toContain('材料齐全，转提供部门');
    expect(await review!.getByTestId('print-citation').textContent()).toMatch(/《河北省政务数据共享应用管理办法》.*第十九条/);
    const replyText = (await reply!.textContent()) ?? '';
    expect(replyText).toContain('河北省公安厅');
    expect(await reply!.getByTestId('print-person').textContent()).toBe('张伟');
    expect(replyText).toContain('不同意');
    expect(replyText).toContain('申请场景超出条件共享范围');
    expect(replyText).toContain('《中华人民共和国保守国家秘密法》 第二十八条');
    // The facts come first, with the statute the process runs under.
    expect(await form.getByTestId('request').textContent()).toContain('《河北省政务数据共享应用管理办法》');
    expect(await seriousViolations(department)).toEqual([]);
    await screenshot(department, 'approval-form', { fullPage: true });
  });

  it('prints as A4 from Chromium with the steps and without the navigation, no step split over two pages', async () => {
    await department.emulateMedia({ media: 'print' });
    let pdf: Buffer;
    try {
      // Under print media the bar, the navigation and the buttons are gone, and a step is kept on one page.
      expect(await department.locator('.mainnav').isVisible()).toBe(false);
      expect(await department.getByTestId('print-button').isVisible()).toBe(false);
      expect(await department.evaluate("getComputedStyle(document.querySelector('[data-testid=print-step]')).breakInside")).toBe('avoid');
      pdf = await department.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await department.emulateMedia({ media: 'screen' });
    }
    const dir = resolve(DATA_DIR, 'print');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'approval-form.pdf'), pdf);
    // A4 is 595 × 842 pt.
    const { pages, text } = await pdfText(new Uint8Array(pdf));
    const first = await (await getDocument({ data: new Uint8Array(pdf) }).promise).getPage(1);
    expect(first.view.map(Math.round)).toEqual([0, 0, 595, 842]);
    expect(pages).toBeGreaterThanOrEqual(1);
    const flat = text.replace(/\s+/g, '');
    for (const shown of ['共享申请审批单', caseId, '审核并转至提供部门', '答复是否同意共享', '陈静', '张伟', '承办人', '河北省公安厅', '申请场景超出条件共享范围', '第二十八条', '第十九条', '经办人'])
      expect(flat, shown).toContain(shown.replace(/\s+/g, ''));
    for (const chrome of ['我的待办', '退出登录', '返回案件', '跳到正文']) expect(flat, chrome).not.toContain(chrome);
  });

  it('is the same case page link for the authority, and a case the user may not see is not found', async () => {
    await signIn(supervisor, 'data.zhao');
    await supervisor.goto(`/cases/share-request/${caseId}/print`);
    await supervisor.getByTestId('print-step').first().waitFor();
    // 河北省人力资源和社会保障厅 has nothing to do with the case: it is not found, not printed.
    const stranger = await app.newUser();
    await signIn(stranger, 'rst.liu');
    await stranger.goto(`/cases/share-request/${caseId}/print`);
    await stranger.getByTestId('not-found').waitFor();
    expect(await stranger.getByTestId('approval-form').count()).toBe(0);
  });
});

describe('考核评估: the assessment', () => {
  const from = shanghaiDate(Date.now() - 35 * day);
  const to = shanghaiDate(Date.now());

  it('loads ECharts only on the assessment page', async () => {
    const scripts: string[] = [];
    supervisor.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await supervisor.goto('/tasks');
    await supervisor.getByRole('heading', { level: 1 }).waitFor();
    expect(scripts.some((s) => /assessment-/.test(s))).toBe(false);
    await supervisor.getByRole('link', { name: '考核评估' }).click();
    await supervisor.getByTestId('assessment-definitions').waitFor();
    expect(scripts.some((s) => /assessment-/.test(s))).toBe(true);
  });

  it('says what each figure counts, draws the charts with aria descriptions, and weeks as date ranges', async () => {
    await supervisor.goto(`/assessment?from=${from}&to=${to}`);
    const definitions = supervisor.getByTestId('assessment-definitions');
    expect(await definitions.textContent()).toContain('在所选期间内办结的事项，不论何时到期');
    expect(await definitions.textContent()).toContain('按时办结 ÷（期内办结 + 逾期未办）');
    const table = supervisor.getByTestId('assessment-table');
    await table.waitFor();
    const authorityRow = table.locator('tr[data-department="hb-data"]');
    expect(Number(await authorityRow.locator('td').nth(4).textContent())).toBeGreaterThanOrEqual(1);
    // The refused reply of 河北省公安厅 was completed in the period: counted, whenever it was due.
    expect(Number(await table.locator('tr[data-department="hb-gat"]').locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    for (const chart of ['chart-rate', 'chart-outcomes', 'chart-trend', 'chart-rungs']) {
      const box = supervisor.getByTestId(chart);
      await expect.poll(() => box.locator('svg').count()).toBe(1);
      expect(await box.getAttribute('role')).toBe('img');
    }
    // ECharts' own description of the data, in Chinese, after the chart's name.
    const described = (await supervisor.getByTestId('chart-rate').getAttribute('aria-label')) ?? '';
    expect(described, described).toContain('各部门按时办结率');
    expect(described).toContain('河北省数据和政务服务局');
    // Weeks as the days they cover: the first from the period's first day.
    const weeks = await supervisor.locator('#ch-trend ~ .sr-only th[scope="row"]').allTextContents();
    const [, m, d] = from.split('-').map(Number) as [number, number, number];
    expect(weeks[0]).toMatch(new RegExp(`^${m}月${d}日(–\\d+月\\d+日)?$`));
    expect(weeks.length).toBeGreaterThanOrEqual(5);
    // The table for screen readers no longer stretches the page below its content.
    const blank = (await supervisor.evaluate("document.documentElement.scrollHeight - (document.querySelector('main').getBoundingClientRect().bottom + window.scrollY)")) as number;
    expect(blank).toBeLessThan(80);
    await notWiderThanTheWindow(supervisor);
    expect(await seriousViolations(supervisor)).toEqual([]);
    await screenshot(supervisor, 'assessment', { fullPage: true });
  });

  it('drills down from a department to its overdue tasks, by keyboard, and opens one', async () => {
    const link = supervisor.locator('tr[data-department="hb-data"]').getByTestId('drill-down');
    await link.focus();
    await supervisor.keyboard.press('Enter');
    const items = supervisor.getByTestId('overdue-items');
    await items.waitFor();
    await expect.poll(() => supervisor.evaluate('document.activeElement?.id')).toBe('as-overdue');
    expect(await items.getByRole('heading', { level: 2 }).textContent()).toBe('河北省数据和政务服务局的逾期事项');
    const row = items.locator(`tr[data-task-id^="${lateCaseId}/review-forward/"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/逾期未办.*\d+ 个工作日/);
    expect(await seriousViolations(supervisor)).toEqual([]);
    await screenshot(supervisor, 'assessment-overdue-items');
    await row.getByRole('link', { name: '审核并转至提供部门' }).click();
    await supervisor.getByRole('heading', { level: 1, name: '审核并转至提供部门' }).waitFor();
    await supervisor.goBack();
    await items.waitFor();
    await row.getByRole('link', { name: /^共享申请/ }).click();
    await supervisor.waitForURL(`**/cases/share-request/${lateCaseId}`);
  });

  it('clears the old charts and says what is wrong when the period is not valid', async () => {
    await supervisor.goto(`/assessment?from=${from}&to=${to}`);
    await supervisor.getByTestId('assessment-charts').waitFor();
    await supervisor.getByLabel(/^开始日期/).fill(to);
    await supervisor.getByLabel(/^结束日期/).fill(from);
    await supervisor.getByRole('button', { name: '查看' }).click();
    await supervisor.getByTestId('as-errors').waitFor();
    expect(await supervisor.getByTestId('error-as-to').textContent()).toBe('结束日期不能早于开始日期');
    expect(await supervisor.getByTestId('assessment-charts').count()).toBe(0);
    expect(await supervisor.getByTestId('assessment-table').count()).toBe(0);
    expect(await supervisor.getByTestId('assessment-cleared').textContent()).toContain('原先的图表已清除');
    // The focus is on the errors, which link to the field.
    expect(await supervisor.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('as-errors');
    await supervisor.getByLabel(/^开始日期/).fill(from);
    await supervisor.getByLabel(/^结束日期/).fill(to);
    await supervisor.getByRole('button', { name: '查看' }).click();
    await supervisor.getByTestId('assessment-charts').waitFor();
  });

  it('exports a CSV Excel opens: BOM, CRLF, Chinese headings, names and percentages; English in English mode', async () => {
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`考核评估-${from}-${to}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^部门,部门代码,期内到期,期内办结,按时办结,逾期办结,逾期未办,按时率,/);
    expect(lines.find((l) => l.startsWith('河北省数据和政务服务局,hb-data,'))).toMatch(/,\d+(\.\d)?%,|,,/);
    expect(text).not.toMatch(/[^\r]\n/);

    await supervisor.getByRole('button', { name: 'English' }).click();
    await supervisor.getByRole('heading', { level: 1, name: 'Assessment' }).waitFor();
    const [english] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('export-csv').click()]);
    expect(english.suggestedFilename()).toBe(`assessment-${from}-${to}.csv`);
    const en = readFileSync((await english.path())!).toString('utf8').slice(1);
    expect(en.split('\r\n')[0]).toMatch(/^Department,Department ID,Due in period,Completed in period,/);
    expect(en).toContain('\r\nHebei Provincial Data and Government Services Bureau,hb-data,');
    // The charts speak English too.
    await expect.poll(async () => (await supervisor.getByTestId('chart-rate').getAttribute('aria-label')) ?? '').toContain('On-time rate per department');
    await notWiderThanTheWindow(supervisor);
    await screenshot(supervisor, 'assessment-en', { fullPage: true });
    await supervisor.getByRole('button', { name: '中文' }).click();
  });

  it('is not a department’s: no link in its navigation, and the page says whose it is', async () => {
    await signIn(department, 'mzt.li');
    expect(await department.getByRole('link', { name: '考核评估' }).count()).toBe(0);
    await department.goto('/assessment');
    await department.getByText('考核评估仅对政务数据主管部门开放。').waitFor();
    expect(await department.getByTestId('assessment-charts').count()).toBe(0);
  });
});
