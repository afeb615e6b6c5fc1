import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { auditLog, escalations, notifications, type EscalationRung } from '../../db/schema';
import { escalationSchedule, getPack } from '../../rules';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import {
  completeAs,
  completedAtOf,
  eventually,
  openTask,
  people,
  registerCase,
  sleepUntil,
  startWorkflow,
  taskDeadline,
  taskRow,
  terminateLeftovers,
} from '../support/cases';
import { hebeiParties, nextFridayMorning } from '../support/fixtures';
import { createTestWorker, startTimeSkipping } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterEach(terminateLeftovers);
afterAll(() => env?.teardown());

const HOUR = 3600_000;

describe("the escalation ladder of a provider's overdue reply, for a case received in the future of the test clock", () => {
  it('fires reminder, overdue, rectification and government report each at its computed instant and not a second before, to the right recipients, never closing the task', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env);
    const receivedAt = nextFridayMorning(await env.currentTimeMs());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-rst'),
      catalogueEntryId: 'HB-RST-0001',
      receivedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env, taskQueue, workflowTypes.shareRequest, input);
      const review = await openTask(handle, 'review-forward');
      await sleepUntil(env, Date.parse(receivedAt) + HOUR);
      await completeAs(handle, review.taskId, people.hbData, 'forward');
      expect(await db.db.select().from(escalations).where(eq(escalations.taskId, review.taskId))).toEqual([]);

      const reply = await openTask(handle, 'provider-reply');
      const deadline = await taskDeadline(db.db, reply.taskId);
      expect(deadline).toEqual(
        nationalCalendar.deadline({ start: await completedAtOf(db.db, review.taskId), n: 5, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      const schedule = escalationSchedule(deadline, getPack('hebei-2023').policy.escalation, nationalCalendar);
      expect(schedule.reminderAt).toBe(`${deadline.due}T00:00:00+08:00`);
      expect(schedule.overdueAt).toBe(deadline.endsAt);

      const provider = 'hb-rst:provider';
      const supervisor = 'hb-data:authority-supervisor';
      const ladder: Array<{ rung: EscalationRung; at: string; recipients: string[] }> = [
        { rung: 'reminder', at: schedule.reminderAt!, recipients: [provider] },
        { rung: 'overdue', at: schedule.overdueAt, recipients: [supervisor, provider] },
        { rung: 'rectification', at: schedule.rectificationAt, recipients: [supervisor, provider] },
        { rung: 'government-report', at: schedule.governmentReportAt, recipients: [supervisor, 'hb-gov:government-approver', provider] },
      ];
      const fired = () => db.db.select().from(escalations).where(eq(escalations.taskId, reply.taskId));

      for (const [i, { rung, at, recipients }] of ladder.entries()) {
        const atMs = Date.parse(at);
        await sleepUntil(env, atMs - 1000);
        await handle.query(caseStateQuery);
        expect((await fired()).map((e) => e.rung)).toEqual(ladder.slice(0, i).map((r) => r.rung));

        await env.sleep(2000);
        const rows = await eventually(fired, (r) => r.length === i + 1, `the ${rung} rung`);
        const row = rows.find((e) => e.rung === rung)!;
        expect(row.scheduledAt.getTime()).toBe(atMs);
        expect(row.firedAt.getTime()).toBeGreaterThanOrEqual(atMs);
        expect(row.firedAt.getTime()).toBeLessThan(atMs + 2000);
        expect(row.responsibleDepartmentId).toBe('hb-rst');

        const inbox = await db.db.select().from(notifications).where(eq(notifications.escalationId, row.id));
        expect(inbox.map((n) => `${n.recipientDepartmentId}:${n.recipientRole}`).sort()).toEqual(recipients);
        expect(inbox.every((n) => n.kind === `escalation.${rung}` && n.taskId === reply.taskId)).toBe(true);

        const task = await taskRow(db.db, reply.taskId);
        expect(task.status).toBe('open');
        expect(task.overdue).toBe(rung !== 'reminder');
        expect(task.rung).toBe(rung === 'reminder' ? null : rung);
        const state = await handle.query(caseStateQuery);
        expect(state.status).toBe('awaiting-provider-reply');
        expect(state.openTasks.map((t) => t.taskId)).toEqual([reply.taskId]);
        expect(state.openTasks[0]?.rungs).toEqual(ladder.slice(0, i + 1).map((r) => r.rung));
      }

      // The ladder ends with the report: a month later nothing more has fired and the task still waits for its provider.
      await env.sleep(30 * 24 * HOUR);
      expect(await fired()).toHaveLength(4);
      expect((await taskRow(db.db, reply.taskId)).status).toBe('open');

      await completeAs(handle, reply.taskId, people.hbRst, 'agree');
      const [completed] = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.taskId, reply.taskId), eq(auditLog.action, 'task.completed')));
      expect(completed?.details).toMatchObject({ decision: 'agree', late: true });
      const provide = await openTask(handle, 'provide-data');
      await completeAs(handle, provide.taskId, people.hbData, 'provided');
      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
    });
    await db.close();
  });
});
