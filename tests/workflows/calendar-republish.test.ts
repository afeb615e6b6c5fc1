import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { CalendarStore } from '../../db/calendar-store';
import { auditLog, calendarYears, escalations, tasks } from '../../db/schema';
import { workflowTypes } from '../../workflows/messages';
import { registerShareRequest } from '../support/fixtures';
import { loginAs, testSecurity } from '../support/stack';
import { createTestWorker, firstOpenTask, steadyClient } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping('never');

describe('publishing a new year of the holiday calendar', () => {
  it('makes every open case whose deadline reached into that year recompute it, record the change, and escalate at the new instant', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const calendar = new CalendarStore(db.db);
    const app = await buildApp({ db: db.db, temporal: steadyClient(env()), taskQueue, calendar, security: testSecurity });
    try {
      // Received Monday 2030-12-30: Tue 31 Dec, then 2031, whose notice is not in the built-in data. (A year no other
      // test reaches, since the published year is visible to every test sharing the database while this one runs.)
      // Unpublished, 2031 already has 元旦 Wed 1 Jan off (holiday measures, Order No. 795, art. 2): 31 Dec, 2, 3 Jan.
      const input = await registerShareRequest(db.db, '2030-12-30T10:00:00+08:00');
      await worker.runUntil(async () => {
        const handle = await steadyClient(env()).workflow.start(workflowTypes.shareRequest, { taskQueue, workflowId: input.workflowId, args: [input] });
        const open = await firstOpenTask(handle);
        const [before] = await db.db.select().from(tasks).where(eq(tasks.id, open.taskId));
        expect(before?.deadline).toMatchObject({ due: '2031-01-03', provisional: true });

        const supervisor = await loginAs(app, 'nda.qian');
        const published = await app.inject({
          method: 'PUT',
          url: '/api/calendar/2031',
          headers: supervisor,
          payload: {
            year: 2031,
            notice: { title: '国务院办公厅关于2031年部分节假日安排的通知（测试）', documentNumber: '测试', issuer: '国务院办公厅' },
            // A test notice that moves days (调休): 1–3 Jan off, Sunday 5 Jan a working day.
            festivals: [{ festival: 'newYear', offDays: ['2031-01-01', '2031-01-02', '2031-01-03'], makeUpDays: ['2031-01-05'] }],
          },
        });
        expect(published.statusCode).toBe(200);
        expect(published.json().workflowsToRecompute).toBeGreaterThanOrEqual(1);

        let after = before;
        for (let i = 0; i < 100 && after?.dueAt.getTime() === before?.dueAt.getTime(); i++) {
          await new Promise((r) => setTimeout(r, 50));
          [after] = await db.db.select().from(tasks).where(eq(tasks.id, open.taskId));
        }
        // Still provisional: 31 Dec 2030 lies in a year nobody has published either.
        // 31 Dec, Sun 5 Jan (make-up), Mon 6 Jan.
        expect(after?.deadline).toMatchObject({ due: '2031-01-06', provisional: true });
        const [change] = await db.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.taskId, open.taskId), eq(auditLog.action, 'task.due-changed')));
        expect(change?.details).toMatchObject({ cause: 'calendar-republished', fromDue: '2031-01-03', toDue: '2031-01-06' });

        const oldDue = Date.parse('2031-01-04T00:00:00+08:00');
        const newDue = Date.parse('2031-01-07T00:00:00+08:00');
        await env().sleep(oldDue - (await env().currentTimeMs()) + 1000);
        await handle.query('caseState');
        const early = await db.db.select().from(escalations).where(and(eq(escalations.taskId, open.taskId), eq(escalations.rung, 'overdue')));
        expect(early).toHaveLength(0);
        await env().sleep(newDue - (await env().currentTimeMs()) + 1000);
        await handle.query('caseState');
        const [overdue] = await db.db.select().from(escalations).where(and(eq(escalations.taskId, open.taskId), eq(escalations.rung, 'overdue')));
        expect(overdue?.scheduledAt.getTime()).toBe(newDue);
        await handle.terminate('test done');
      });
    } finally {
      await db.db.delete(calendarYears).where(eq(calendarYears.year, 2031));
      await app.close();
      await db.close();
    }
  });
});
