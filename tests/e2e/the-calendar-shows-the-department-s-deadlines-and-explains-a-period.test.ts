import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../db/password';
import { departments, users } from '../../db/schema';
import { lastDayOf, taskUid } from '../../api/deadline-events';
import { loginAs } from '../support/stack';
import { secretsLaw } from '../support/cases';
import { screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * 工作日历 as a department sees it: its own deadline on the day it ends (linked to its task), its own region's calendar
 * by default, a deadline computed and explained by the calculator, an impossible month as a page that does not exist,
 * and a subscription URL a calendar app can fetch — and that stops when re-created or stopped.
 */
let app: BrowserApp;
let page: Page;
let caseId = '';
let taskId = '';
let lastDay = '';
// A department of this test's own: its only deadline is the one this test gives it.
const tag = randomUUID().slice(0, 6);
const department = `hb-zjt-${tag}`;
const username = `zjt.${tag}`;

async function openTask(headers: Record<string, string>, step: string): Promise<{ id: string; dueAt: string }> {
  for (let i = 0; i < 450; i++) {
    const list = (await app.stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers })).json() as { id: string; requestId: string; step: string; dueAt: string }[];
    const found = list.find((t) => t.requestId === caseId && t.step === step);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${step} task for ${caseId}`);
}

beforeAll(async () => {
  app = await startBrowserApp();
  page = await app.newUser();
  await app.stack.db.insert(departments).values({
    id: department,
    nameZh: '河北省住房和城乡建设厅',
    nameEn: 'Hebei Provincial Department of Housing and Urban-Rural Development',
    kind: 'department',
    level: 'province',
    jurisdiction: 'hebei',
    authorityId: 'hb-data',
    governmentId: 'hb-gov',
    upperAuthorityId: 'nda',
  });
  await app.stack.db
    .insert(users)
    .values({ id: `u-${username}`, username, displayName: '赵敏', departmentId: department, roles: ['requester', 'provider'], passwordHash: await hashPassword('demo1234') });
  // A refused share request gives the requesting department its own task: to object, by a date.
  const asRequester = await loginAs(app.stack.app, username);
  const asReviewer = await loginAs(app.stack.app, 'data.chen');
  const asProvider = await loginAs(app.stack.app, 'gat.zhang');
  const created = await app.stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: asRequester,
    payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '住房保障资格审核时核验申请人身份' },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  caseId = created.json().id;
  const forward = await app.stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent((await openTask(asReviewer, 'review-forward')).id)}/complete`, headers: asReviewer, payload: { decision: 'forward' } });
  if (forward.statusCode !== 200) throw new Error(forward.body);
  const reply = await openTask(asProvider, 'provider-reply');
  const refuse = await app.stack.app.inject({
    method: 'POST',
    url: `/api/tasks/${encodeURIComponent(reply.id)}/complete`,
    headers: asProvider,
    payload: { decision: 'refuse', reason: '申请的应用场景超出条件共享范围', legalBasis: secretsLaw },
  });
  if (refuse.statusCode !== 200) throw new Error(refuse.body);
  const objection = await openTask(asRequester, 'requester-objection');
  taskId = objection.id;
  lastDay = lastDayOf(new Date(objection.dueAt));
}, 180_000);
afterAll(() => app?.close());

describe('the working-day calendar of a department', () => {
  it('shows the department’s deadline on its last day, linked to the task, on its own region’s calendar', async () => {
    await signIn(page, username, `/calendar/${lastDay.slice(0, 7)}`);
    await page.getByTestId('month').waitFor();
    // Its own region (Hebei) by default, and said to be its own.
    expect(await page.getByLabel('地区', { exact: true }).inputValue()).toBe('hebei');
    expect(await page.locator('#cal-j option:checked').textContent()).toContain('本部门所在地区');
    const cell = page.locator(`td[data-date="${lastDay}"]`);
    const chip = cell.locator(`a[href="/tasks/${encodeURIComponent(taskId)}"]`);
    await chip.waitFor();
    expect(await chip.textContent()).toContain('对不予共享提出异议');
    // Only this department's deadline is on the month: the list below says which case and when.
    const list = page.getByTestId('month-deadlines');
    expect(await list.locator('li').count()).toBe(1);
    const item = (await list.locator('li').textContent()) ?? '';
    expect(item).toContain('共享申请（居民身份证信息 HB-GAT-0001）');
    expect(item).toContain('对不予共享提出异议');
    expect(item).toMatch(/\d{1,2}月\d{1,2}日（周.）\s*24:00/);
    await screenshot(page, 'calendar-department-deadlines', { fullPage: true });
    await chip.click();
    await page.waitForURL(`**/tasks/${encodeURIComponent(taskId)}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('对不予共享提出异议');
  });

  it('computes start + N working days and explains it: the National Day week skipped, its make-up Saturday counted, the end at 24:00', async () => {
    await page.goto('/calendar/2025-10');
    const calc = page.getByTestId('calculator');
    await calc.waitFor();
    await calc.getByLabel('起算日').fill('2025-09-27');
    // The date as people here write it, whatever order the browser's own input shows.
    expect(await calc.getByTestId('calc-start-readout').textContent()).toBe('2025年9月27日（周六）');
    await calc.getByLabel('期限（工作日）').fill('4');
    await calc.getByLabel('按哪个地区的日历').selectOption('national');
    await calc.getByRole('button', { name: '计算期限' }).click();
    const result = calc.getByTestId('calc-result');
    await result.waitFor();
    // 27 Sep (Sat) the event; 28 Sep (Sun) a make-up working day, the first; 1–8 Oct off; 9 Oct the fourth.
    expect(await result.locator('.calc-answer').textContent()).toBe('2025年9月27日（周六） 起 4 个工作日：期限届满于 2025年10月9日（周四） 24:00');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('国庆节');
    expect(text).toContain('跳过 8 天：国庆节、中秋节 8 天');
    expect(text).toContain('计入的调休上班日：2025年9月28日（周日）（国庆节、中秋节）');
    expect(text).toContain('2025年10月9日（周四） 24:00');
    const days = result.getByTestId('day-by-day');
    expect(await days.locator('li').first().textContent()).toContain('2025年9月27日');
    expect(await days.locator('li.day-due').textContent()).toContain('2025年10月9日');
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'calendar-calculator');

    // Out of range: said next to the field, in Chinese, and nothing sent.
    await calc.getByLabel('期限（工作日）').fill('401');
    await calc.getByRole('button', { name: '计算期限' }).click();
    expect(await calc.getByTestId('error-calc-n').textContent()).toBe('请输入 1 至 400 之间的整数。');
    expect(await result.count()).toBe(0);
  });

  it('answers an impossible month or year, or an unknown region, in the URL with a page that does not exist', async () => {
    await signIn(page, username, '/calendar');
    for (const url of ['/calendar/2026-13', '/calendar/2026-00', '/calendar/1999-01', '/calendar/2026-1', '/calendar/2026-02-30', '/calendar/0000-01', '/calendar/%EF%BC%92026-01', '/calendar/2026-01/extra', '/calendar/2026-01?j=mars']) {
      await page.goto(url);
      await page.getByTestId('not-found').waitFor({ timeout: 5_000 }).catch(async (e: Error) => {
        throw new Error(`${url}: ${e.message}\n${(await page.content()).slice(0, 3000)}`);
      });
      // Not redirected: the address stays what was asked.
      expect(new URL(page.url()).pathname, url).toBe(url.split('?')[0]);
      expect(await page.getByTestId('month').count(), url).toBe(0);
    }
    await page.goto('/calendar/2026-13');
    await page.getByTestId('not-found').waitFor();
    await screenshot(page, 'calendar-month-not-found');
    // The way back is this month's calendar, in the user's own region.
    await page.getByRole('link', { name: '查看本月工作日历' }).click();
    await page.getByTestId('month').waitFor();
    expect(new URL(page.url()).pathname).toBe('/calendar');
  });

  it('gives a subscription URL once, which a calendar app reads without signing in, and which stops when re-created or stopped', async () => {
    await page.goto(`/calendar/${lastDay.slice(0, 7)}`);
    const box = page.getByTestId('subscription');
    await box.getByRole('button', { name: '创建订阅地址' }).click();
    const first = await box.getByTestId('feed-url').inputValue();
    expect(first).toMatch(new RegExp(`^${app.baseUrl}/api/calendar/feeds/gdsf_[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await box.getByTestId('feed-status').textContent()).toContain('尚未被日历应用读取');
    await screenshot(page, 'calendar-subscription');
    // A calendar app: no session, no header.
    const fetched = await fetch(first);
    expect(fetched.status).toBe(200);
    const body = await fetched.text();
    expect(body).toContain(`UID:${taskUid(taskId)}`);
    expect(body).toContain(`DTSTART;VALUE=DATE:${lastDay.replace(/-/g, '')}`);

    await box.getByRole('button', { name: '重新生成订阅地址' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('原订阅地址立即失效');
    await dialog.getByRole('button', { name: '重新生成订阅地址' }).click();
    await expect.poll(() => box.getByTestId('feed-url').inputValue()).not.toBe(first);
    const second = await box.getByTestId('feed-url').inputValue();
    expect((await fetch(first)).status).toBe(410);
    expect((await fetch(second)).status).toBe(200);

    // Not shown again after the page is left.
    await page.reload();
    await box.getByTestId('feed-status').waitFor();
    expect(await box.getByTestId('feed-url').count()).toBe(0);
    await box.getByRole('button', { name: '停用订阅地址' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '停用订阅地址' }).click();
    await expect.poll(() => box.getByTestId('feed-status').textContent()).toBe('订阅地址已停用。');
    expect((await fetch(second)).status).toBe(410);
  });

  it('says the same in English, in English only', async () => {
    await page.goto(`/calendar/${lastDay.slice(0, 7)}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Deadline calculator' }).waitFor();
    expect(await page.locator('#cal-j option:checked').textContent()).toBe('Hebei (your department’s region)');
    const list = page.getByTestId('month-deadlines');
    expect(await list.getByRole('heading').textContent()).toBe('Our deadlines this month');
    expect(await list.locator('li').textContent()).toContain('Share request (Resident identity card information, HB-GAT-0001) · Object to the refusal');
    const calc = page.getByTestId('calculator');
    expect(await calc.getByLabel('Starting day').count()).toBe(1);
    await calc.getByLabel('Starting day').fill('2025-09-27');
    await calc.getByLabel('Period (working days)').fill('4');
    await calc.getByLabel('Calendar of the region').selectOption('national');
    await calc.getByRole('button', { name: 'Compute' }).click();
    expect(await calc.getByTestId('calc-result').locator('.calc-answer').textContent()).toBe('4 working days from Sat 27 Sep 2025: the period ends at 24:00 of Thu 9 Oct 2025');
    const subscription = page.getByTestId('subscription');
    // No Chinese in English mode, but for the 受理编号: an identifier, issued in Chinese, as 《…》 titles are.
    const caseNumber = /[冀皖国][数][共][申变异负协]〔\d{4}〕\d{4,}号/g;
    expect((await list.textContent())!.replace(caseNumber, '')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await subscription.textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await calc.locator('form').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, 'calendar-en', { fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
  });
});
