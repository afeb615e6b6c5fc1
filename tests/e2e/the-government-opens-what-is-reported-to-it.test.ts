import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { tasks } from '../../db/schema';
import { reportToGovernment } from '../support/report-to-government';
import { loginAs } from '../support/stack';
import { screenshot, signIn, startBrowserApp, type BrowserApp } from './support';

/**
 * The last rung of the ladder reports an overdue step to the people's government. Its inbox links (打开待办 on the
 * notice, the step's name under 督办事项) open the task and the case it was told of, not 未找到.
 */
let app: BrowserApp;
let government: Page;
let caseId = '';

beforeAll(async () => {
  app = await startBrowserApp();
  government = await app.newUser();
  // Registered by the authority's reviewer 30 days after receipt: overdue at once, its overdue notice sent.
  const headers = await loginAs(app.stack.app, 'data.chen');
  const response = await app.stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers,
    payload: {
      catalogueEntryId: 'HB-GAT-0001',
      scenario: '低保审核核验申请人身份：报告本级人民政府的案件',
      receivedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      receivedAtReason: '纸质申请件补录',
      onBehalfOf: 'hb-mzt',
    },
  });
  if (response.statusCode >= 300) throw new Error(response.body);
  caseId = response.json().id;
  // The ladder's report, recorded by the real activity now instead of working days after the overdue notice.
  let taskId: string | undefined;
  for (let i = 0; i < 200 && !taskId; i++) {
    taskId = (await app.stack.db.select().from(tasks).where(eq(tasks.requestId, caseId)))[0]?.id;
    if (!taskId) await new Promise((r) => setTimeout(r, 100));
  }
  await reportToGovernment(app.stack.db, taskId!);
});
afterAll(() => app?.close());

describe('the people’s government, reported an overdue step', () => {
  it('opens the task from its notice and the case from there, with the request’s facts', async () => {
    await signIn(government, 'gov.sun');
    const notice = government.locator(`.notice-item:has(a[href*="${caseId}"])`).filter({ hasText: '报告本级人民政府' });
    await expect
      .poll(
        async () => {
          await government.goto('/inbox');
          await government.getByTestId('notifications').waitFor();
          return notice.count();
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await notice.first().getByRole('link', { name: '打开待办' }).click();
    await government.getByRole('heading', { level: 1, name: '审核并转至提供部门' }).waitFor();
    expect(await government.getByTestId('not-found').count()).toBe(0);
    await expect.poll(() => government.getByTestId('request').textContent()).toContain('低保审核核验申请人身份：报告本级人民政府的案件');
    expect(await government.getByTestId('escalations').textContent()).toContain('报告本级人民政府');
    // Not its task to decide: it reads, the authority acts.
    expect(await government.getByTestId('decision-form').count()).toBe(0);
    await screenshot(government, 'government-report-task', { fullPage: true });

    await government.getByRole('link', { name: '查看案件' }).click();
    await government.waitForURL(new RegExp(`/cases/share-request/${caseId}`));
    await government.getByTestId('timeline').waitFor();
    expect(await government.getByTestId('not-found').count()).toBe(0);

    // The notice names its case and opens it too; the report, sent to the government, is not listed a second time.
    await government.goto('/inbox');
    await notice.first().waitFor();
    expect(await government.getByTestId('escalation-list').locator(`a[href*="${caseId}"]`).count()).toBe(0);
    await notice.first().getByTestId('notice-case').getByRole('link').click();
    await government.waitForURL(new RegExp(`/cases/share-request/${caseId}`));
    await government.getByTestId('timeline').waitFor();
    expect(await government.getByTestId('not-found').count()).toBe(0);
  });
});
