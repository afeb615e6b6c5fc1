import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { CalendarStore } from '../../db/calendar-store';
import { auditLog, calendarAmendments, calendarYears, tasks } from '../../db/schema';
import { workflowTypes } from '../../workflows/messages';
import { registerShareRequest } from '../support/fixtures';
import { loginAs, testSecurity } from '../support/stack';
import { createTestWorker, firstOpenTask, steadyClient } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping('never');

// 2032: a year no other test publishes (a published year is visible to every test sharing the database).
const notice = { title: '国务院办公厅关于2032年部分节假日安排的通知（测试）', documentNumber: '测试', issuer: '国务院办公厅' };

describe('amending a year in force', () => {
  it('moves open deadlines only once a second keeper approves the amendment, not when it is proposed', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const app = await buildApp({ db: db.db, temporal: steadyClient(env()), taskQueue, calendar: new CalendarStore(db.db), security: testSecurity });
    try {
      const proposer = await loginAs(app, 'nda.qian');
      const approver = await loginAs(app, 'nda.feng');
      const published = await app.inject({
        method: 'PUT',
        url: '/api/calendar/2032',
        headers: proposer,
        payload: { year: 2032, notice, festivals: [{ festival: 'labourDay', offDays: ['2032-05-01'], makeUpDays: [] }] },
      });
      expect(published.statusCode).toBe(200);
      // Received Thursday 2032-04-29: Fri 30, Mon 3 May, Tue 4 May.
      const input = await registerShareRequest(db.db, '2032-04-29T10:00:00+08:00');
      await worker.runUntil(async () => {
        const handle = await steadyClient(env()).workflow.start(workflowTypes.shareRequest, { taskQueue, workflowId: input.workflowId, args: [input] });
        const open = await firstOpenTask(handle);
        const dueOf = async () => (await db.db.select().from(tasks).where(eq(tasks.id, open.taskId)))[0]?.deadline as { due: string } | undefined;
        expect(await dueOf()).toMatchObject({ due: '2032-05-04' });

        const proposed = await app.inject({
          method: 'POST',
          url: '/api/calendar/2032/amendments',
          headers: proposer,
          payload: {
            schedule: { year: 2032, notice, festivals: [{ festival: 'labourDay', offDays: ['2032-05-01', '2032-05-03', '2032-05-04'], makeUpDays: [] }] },
            reason: '测试：劳动节延长至5月4日',
          },
        });
        expect(proposed.statusCode).toBe(201);
        expect(proposed.json().wouldMove.tasks).toContainEqual(expect.objectContaining({ taskId: open.taskId, fromDue: '2032-05-04', toDue: '2032-05-06' }));
        // Proposed only: nobody was told to re-plan, and the deadline stays.
        await new Promise((r) => setTimeout(r, 1500));
        await handle.query('caseState');
        expect(await dueOf()).toMatchObject({ due: '2032-05-04' });

        const approved = await app.inject({ method: 'POST', url: `/api/calendar/2032/amendments/${proposed.json().id}/approve`, headers: approver, payload: {} });
        expect(approved.statusCode).toBe(200);
        expect(approved.json().workflowsToRecompute).toBeGreaterThanOrEqual(1);
        let after = await dueOf();
        for (let i = 0; i < 100 && after?.due === '2032-05-04'; i++) {
          await new Promise((r) => setTimeout(r, 50));
          after = await dueOf();
        }
        expect(after).toMatchObject({ due: '2032-05-06' });
        const [change] = await db.db.select().from(auditLog).where(and(eq(auditLog.taskId, open.taskId), eq(auditLog.action, 'task.due-changed')));
        expect(change?.details).toMatchObject({ cause: 'calendar-republished', fromDue: '2032-05-04', toDue: '2032-05-06' });
        await handle.terminate('test done');
      });
    } finally {
      await db.db.delete(calendarAmendments).where(eq(calendarAmendments.year, 2032));
      await db.db.delete(calendarYears).where(eq(calendarYears.year, 2032));
      await app.close();
      await db.close();
    }
  });
});
