/**
 * Item 8: "已报告本级人民政府" only after a report really went out. An authority with no people's government configured
 * (here the national authority) records the rung, but its notice says the report was not sent instead of claiming it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { escalationActivities } from '../../activities/escalations';
import { taskActivities } from '../../activities/tasks';
import { connectDb } from '../../db/client';
import { escalations, notifications } from '../../db/schema';
import { registerCase } from '../support/cases';
import { hebeiParties } from '../support/fixtures';

const db = connectDb(inject('databaseUrl'), { max: 2 });
afterAll(() => db.close());

async function reportFor(authority: string) {
  const parties = { ...hebeiParties('hb-mzt', 'hb-rst'), authority };
  const kase = await registerCase(db.db, {
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    parties,
    catalogueEntryId: 'HB-RST-0001',
    receivedAt: '2025-11-03T10:00:00+08:00',
  });
  const deadline = nationalCalendar.deadline({ start: kase.receivedAt, n: 5, unit: 'working-days', jurisdiction: 'hebei' });
  const taskId = `${kase.requestId}/provider-reply/1`;
  await taskActivities(db.db).openTask({
    taskId,
    requestId: kase.requestId,
    step: 'provider-reply',
    titleZh: '答复是否同意共享',
    titleEn: 'Reply',
    assigneeDepartmentId: 'hb-rst',
    assigneeRole: 'provider',
    dueAt: deadline.endsAt,
    deadline,
    citation: { source: 'hebei-2023', article: '征求意见稿第十九条', textZh: '', textEn: '' },
    decisions: ['agree', 'refuse'],
    reasonRequiredFor: ['refuse'],
    createdAt: kase.receivedAt,
  });
  await escalationActivities(db.db).recordEscalation({
    taskId,
    requestId: kase.requestId,
    rung: {
      rung: 'government-report',
      at: '2025-11-20T16:00:00.000Z',
      explanation: { zh: '报告本级人民政府', en: 'reported' },
      basis: 'draft',
      to: ['assignee', 'supervisor', 'government'],
    },
    firedAt: '2025-11-20T16:00:00.000Z',
    responsibleDepartmentId: 'hb-rst',
    responsibleRole: 'provider',
    authorityDepartmentId: authority,
    citation: { source: 'hebei-2023', article: '征求意见稿第四十一条', textZh: '', textEn: '' },
    subject: { stepTitleZh: '答复是否同意共享', stepTitleEn: 'Reply', dueAt: deadline.endsAt },
  });
  const sent = await db.db.select().from(notifications).where(eq(notifications.escalationId, `${taskId}/government-report`));
  const [row] = await db.db.select().from(escalations).where(eq(escalations.id, `${taskId}/government-report`));
  return { sent, row };
}

describe('the report to the people’s government', () => {
  it('says 已报告 and reaches the government where there is one', async () => {
    const { sent } = await reportFor('hb-data');
    expect(sent.map((n) => `${n.recipientDepartmentId}:${n.recipientRole}`).sort()).toEqual([
      'hb-data:authority-supervisor',
      'hb-gov:government-approver',
      'hb-rst:provider',
    ]);
    expect(sent.every((n) => n.titleZh === '逾期未整改，已报告本级人民政府：答复是否同意共享')).toBe(true);
    expect(sent[0]!.details).toMatchObject({ basis: 'draft', responsibleNameZh: expect.any(String), dueAt: expect.any(String) });
  });

  it('says it was not sent where no government is configured, and notifies no one as the government', async () => {
    const { sent, row } = await reportFor('nda');
    expect(sent.some((n) => n.recipientRole === 'government-approver')).toBe(false);
    expect(sent.every((n) => n.titleZh.includes('未送达') && !n.titleZh.includes('已报告'))).toBe(true);
    expect(row!.details).toMatchObject({ notified: ['hb-rst:provider', 'nda:authority-supervisor'] });
  });
});
