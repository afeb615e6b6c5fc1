import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginAs } from '../support/stack';
import { queueRow, screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

let app: BrowserApp;
let department: Page;
let reviewer: Page;
let supervisor: Page;
let caseId = '';

const day = 86_400_000;
/** A `datetime-local` value in Beijing time: the Friday at least `daysAgo` days before now, so a weekend is skipped. */
const fridayBefore = (daysAgo: number) => {
  const at = new Date(Date.now() + 8 * 3_600_000 - daysAgo * day);
  at.setUTCDate(at.getUTCDate() - ((at.getUTCDay() + 2) % 7));
  return `${at.toISOString().slice(0, 10)}T10:00`;
};

beforeAll(async () => {
  app = await startBrowserApp();
  [department, reviewer, supervisor] = await Promise.all([app.newUser(), app.newUser(), app.newUser()]);
  if (process.env.SCREENSHOTS) await moreCases();
});
afterAll(() => app?.close());

/** A few more cases of other departments and processes, so the screenshots show a queue as it looks in use. */
async function moreCases(): Promise<void> {
  const submit = async (user: string, url: string, payload: Record<string, unknown>) => {
    const headers = await loginAs(app.stack.app, user);
    const response = await app.stack.app.inject({ method: 'POST', url, headers, payload });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.body}`);
  };
  await submit('mzt.li', '/api/share-requests', { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '社会组织成立登记时核验发起单位的市场主体资格' });
  // Received days ago: registered late by the authority's reviewer for the department (api/receipt.ts).
  await submit('data.chen', '/api/share-requests', {
    catalogueEntryId: 'HB-JYT-0001',
    scenario: '人才引进落户时核验学历',
    receivedAt: new Date(Date.now() - 6 * day).toISOString(),
    receivedAtReason: '纸质申请件，窗口收件后补录',
    onBehalfOf: 'hb-rst',
  });
  await submit('data.chen', '/api/quality-disputes', {
    catalogueEntryId: 'HB-RST-0001',
    description: '参保状态与本单位登记不一致，疑为未及时更新',
    receivedAt: new Date(Date.now() - 2 * day).toISOString(),
    receivedAtReason: '电话异议，书面材料后补',
    onBehalfOf: 'hb-wsjkw',
  });
  await submit('gat.zhang', '/api/share-requests', { catalogueEntryId: 'HB-ZRZYT-0001', scenario: '案件办理中核查涉案人员不动产' });
}

describe('a case registered weeks after it was received', () => {
  it('is registered late by the authority’s reviewer, with its real receipt date and why; the department’s own form has no date', async () => {
    await signIn(department, 'scjgj.wang');
    await department.goto('/cases/new/share-request?entry=HB-GAT-0001');
    await department.getByLabel('应用场景').waitFor();
    expect(await department.getByLabel('收到时间').count()).toBe(0);

    await signIn(reviewer, 'data.chen');
    await reviewer.goto('/cases/new/share-request?entry=HB-GAT-0001');
    await reviewer.getByRole('heading', { level: 1, name: /补录/ }).waitFor();
    await reviewer.getByLabel('申请部门').selectOption('hb-scjgj');
    await reviewer.getByLabel('应用场景').fill('企业开办时核验法定代表人身份');
    await reviewer.getByLabel('收到时间').fill(fridayBefore(28));
    await reviewer.getByRole('button', { name: '提交', exact: true }).click();
    // The reason is required with an earlier date, and named at its field.
    await reviewer.getByTestId('error-nc-receivedAtReason').waitFor();
    await reviewer.getByLabel('补录原因').fill('纸质申请件，窗口收件后补录');
    await reviewer.getByRole('button', { name: '提交', exact: true }).click();
    await reviewer.waitForURL(/\/cases\/share-request\/[0-9a-f-]{36}/);
    caseId = /share-request\/([0-9a-f-]{36})/.exec(reviewer.url())![1]!;
    // The department sees it as its own case. The overdue step is the authority's own review: internal oversight.
    // Its overdue notice goes out at once; the report to the government only 5 WD after that notice, not back to back
    // (rules/ladder.ts).
    await department.goto(`/cases/share-request/${caseId}`);
    await expect
      .poll(async () => (await department.getByTestId('escalations').count()) > 0 && (await department.getByTestId('escalations').textContent()), { timeout: 20_000 })
      .toContain('逾期通知');
    const shown = (await department.getByTestId('escalations').textContent()) ?? '';
    expect(shown).toContain('本地政策');
    expect(shown).not.toContain('报告本级人民政府');
    expect(shown).not.toContain('限期整改');
    await department.goto('/cases?overdue=1');
    await department.locator(`tr[data-case-id="${caseId}"]`).waitFor();
    expect(await department.getByLabel('只看有逾期事项的案件').isChecked()).toBe(true);
  });

  it('shows as overdue and escalated in the authority’s queue, filtered to what is overdue', async () => {
    await signIn(reviewer, 'data.chen');
    const row = await queueRow(reviewer, caseId, 'review-forward', '?overdue=1');
    await expect.poll(() => row.getByTestId('rung').textContent(), { timeout: 20_000 }).toBe('逾期通知');
    expect(await row.getByText('逾期', { exact: true }).count()).toBe(1);
    expect(await row.getByTestId('due').textContent()).toMatch(/逾期 \d+ 个工作日/);
    expect(await row.getAttribute('class')).toContain('row-late');
    await reviewer.getByLabel('督办级别').selectOption('overdue');
    await reviewer.locator(`tr[data-request-id="${caseId}"]`).waitFor();
    await reviewer.getByLabel('督办级别').selectOption('');
    await reviewer.getByLabel('只看逾期').uncheck();
    await reviewer.locator(`tr[data-request-id="${caseId}"]`).waitFor();
    await screenshot(reviewer, 'queue-overdue');
  });

  it('explains in its detail how late it is, each day of the deadline, and the escalations that fired', async () => {
    await reviewer.goto(`/tasks/${encodeURIComponent(`${caseId}/review-forward/1`)}`);
    await reviewer.getByRole('heading', { level: 1, name: '审核并转至提供部门' }).waitFor();
    expect(await reviewer.locator('.task-head').textContent()).toMatch(/逾期 \d+ 个工作日/);
    expect(await reviewer.getByTestId('escalations').textContent()).toContain('逾期通知');
    const days = reviewer.getByTestId('day-by-day');
    expect(await days.textContent()).toContain('周末，不计入');
    expect(await days.textContent()).toContain('计入第 3 个工作日');
    await screenshot(reviewer, 'task-overdue', { fullPage: true });
  });

  it('reaches the supervisor’s inbox and the assessment, which exports CSV', async () => {
    await signIn(supervisor, 'data.zhao');
    await supervisor.getByRole('link', { name: /^通知与督办/ }).click();
    const notice = supervisor.getByTestId('notifications').locator('.notice-item').filter({ has: supervisor.locator(`a[href*="${caseId}"]`) });
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Which case, which step, which department, when it was due, and on what basis.
    const item = (await notice.first().textContent()) ?? '';
    expect(item).toContain('逾期通知');
    expect(item).toContain('审核并转至提供部门');
    expect(await notice.first().getByTestId('notice-case').textContent()).toContain('共享申请《居民身份证信息》');
    expect(item).toContain('责任部门：河北省数据和政务服务局');
    expect(item).toContain('办理期限');
    expect(item).toContain('本地政策');
    expect(item).not.toContain('报告本级人民政府');
    // Sent to the supervisor, it is among its notices and not listed a second time beside them.
    expect(await supervisor.getByTestId('escalation-list').locator(`a[href*="${caseId}"]`).count()).toBe(0);
    // Each notice is read by each person on their own; the count in the navigation follows.
    const unread = async () => {
      const badge = supervisor.getByTestId('unread-count');
      return (await badge.count()) ? Number(/\d+/.exec((await badge.textContent()) ?? '')?.[0] ?? 0) : 0;
    };
    await expect.poll(unread).toBeGreaterThan(0);
    const before = await unread();
    await supervisor.getByRole('button', { name: /^标为已读/ }).first().click();
    await expect.poll(unread).toBe(before - 1);
    await screenshot(supervisor, 'inbox');

    await supervisor.getByRole('link', { name: '考核评估' }).click();
    const table = supervisor.getByTestId('assessment-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('河北省数据和政务服务局');
    // Four ECharts charts, drawn as SVG (the-approval-form-prints-and-the-assessment-drills-down.test.ts reads them).
    await expect.poll(() => supervisor.locator('.echart svg').count()).toBe(4);
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^考核评估-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    await screenshot(supervisor, 'assessment', { fullPage: true });
  });
});

describe('reference views', () => {
  it('shows a month of the working-day calendar with its holidays and make-up days', async () => {
    await reviewer.goto('/calendar/2026-02');
    const month = reviewer.getByTestId('month');
    await month.waitFor();
    expect(await month.locator('td[data-date="2026-02-14"]').getAttribute('data-kind')).toBe('make-up');
    expect(await month.locator('td[data-date="2026-02-17"]').getAttribute('data-kind')).toBe('holiday');
    expect(await month.locator('td[data-date="2026-02-17"]').textContent()).toContain('春节');
    await reviewer.getByRole('link', { name: '下个月' }).click();
    await reviewer.getByRole('heading', { name: '2026 年 3 月' }).waitFor();
    await reviewer.goto('/calendar/2026-02');
    await month.waitFor();
    await screenshot(reviewer, 'calendar', { fullPage: true });
    const [ics] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('button', { name: /iCalendar/ }).click()]);
    expect(ics.suggestedFilename()).toBe('deadlines-hb-data.ics');
  });

  it('browses the catalogue with its sharing attributes and the negative list', async () => {
    await department.goto('/catalogue');
    const catalogue = department.getByTestId('catalogue');
    await catalogue.waitFor();
    for (const attribute of ['无条件共享', '有条件共享', '不予共享']) expect(await catalogue.getByText(attribute).count()).toBeGreaterThan(0);
    await department.getByLabel('共享属性').selectOption('conditional');
    expect(await catalogue.getByText('无条件共享').count()).toBe(0);
    await department.getByLabel('共享属性').selectOption('');
    await department.getByRole('heading', { name: '负面清单' }).waitFor();
    await screenshot(department, 'catalogue', { fullPage: true });
  });

  it('switches to English and remembers it', async () => {
    await department.getByRole('button', { name: 'English' }).click();
    await department.getByRole('link', { name: 'My tasks' }).waitFor();
    await department.reload();
    await department.getByRole('link', { name: 'My tasks' }).waitFor();
    expect(await department.locator('html').getAttribute('lang')).toBe('en');
    await department.goto(`/cases/share-request/${caseId}`);
    await department.getByTestId('timeline').waitFor();
    expect(await department.getByTestId('timeline').textContent()).toContain('Overdue notice');
    await screenshot(department, 'case-en', { fullPage: true });
    await department.getByRole('button', { name: '中文' }).click();
    await department.getByRole('link', { name: '我的待办' }).waitFor();
  });

  it('fits a tablet', async () => {
    const tablet = await app.newUser({ viewport: { width: 820, height: 1180 } });
    await tablet.goto('/tasks');
    await tablet.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await signIn(tablet, 'data.chen');
    await tablet.getByTestId('queue').waitFor();
    const overflow = await tablet.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await screenshot(tablet, 'queue-tablet');
  });
});
