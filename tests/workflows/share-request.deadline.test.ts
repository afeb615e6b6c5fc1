import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { auditLog, escalations, notifications, requests, tasks } from '../../db/schema';
import { caseStateQuery, completeTaskUpdate, workflowTypes } from '../../workflows/messages';
import { nextFridayMorning, registerShareRequest } from '../support/fixtures';
import { createTestWorker, firstOpenTask, steadyClient } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping('never');

/** Updates that entered history; a rejected one never does. */
async function acceptedUpdates(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}

const authority = { userId: 'u-data-chen', departmentId: 'hb-data', roles: ['authority-reviewer'] };

describe('the deadline of an unconditional share request, on the time-skipping server', () => {
  it('counts 3 working days over a weekend and escalates exactly at the due instant, not before, while the task stays open', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const receivedAt = nextFridayMorning(await env().currentTimeMs());
    const expected = nationalCalendar.deadline({ start: receivedAt, n: 3, unit: 'working-days', jurisdiction: 'hebei' });
    expect(expected.skipped.some((d) => d.reason === 'weekend')).toBe(true);
    const input = await registerShareRequest(db.db, receivedAt);
    const dueMs = Date.parse(expected.endsAt);

    await worker.runUntil(async () => {
      const handle = await steadyClient(env()).workflow.start(workflowTypes.shareRequest, {
        taskQueue,
        workflowId: input.workflowId,
        args: [input],
      });
      const open = await firstOpenTask(handle);
      expect(open.dueAt).toBe(expected.endsAt);
      const [taskRow] = await db.db.select().from(tasks).where(eq(tasks.id, open.taskId));
      expect(taskRow?.dueAt.getTime()).toBe(dueMs);
      expect((taskRow?.deadline as { skipped: unknown[] }).skipped).toEqual(expected.skipped);

      await env().sleep(dueMs - (await env().currentTimeMs()) - 1000);
      await handle.query(caseStateQuery);
      const beforeDue = await db.db.select().from(escalations).where(eq(escalations.requestId, input.requestId));
      // Only the reminder, at 00:00 of the last day, when one working day remains.
      expect(beforeDue.map((e) => e.rung)).toEqual(['reminder']);
      expect(beforeDue[0]?.scheduledAt.getTime()).toBe(Date.parse(`${expected.due}T00:00:00+08:00`));

      await env().sleep(2000);
      const state = await handle.query(caseStateQuery);
      expect(state.openTasks[0]?.overdue).toBe(true);
      const fired = (await db.db.select().from(escalations).where(eq(escalations.requestId, input.requestId))).filter(
        (e) => e.rung !== 'reminder',
      );
      expect(fired).toHaveLength(1);
      expect(fired[0]?.rung).toBe('overdue');
      expect(fired[0]?.scheduledAt.getTime()).toBe(dueMs);
      expect(fired[0]!.firedAt.getTime()).toBeGreaterThanOrEqual(dueMs);
      expect(fired[0]!.firedAt.getTime()).toBeLessThan(dueMs + 1000);

      const inbox = await db.db.select().from(notifications).where(eq(notifications.escalationId, fired[0]!.id));
      expect(inbox.map((n) => `${n.recipientDepartmentId}:${n.recipientRole}`).sort()).toEqual([
        'hb-data:authority-reviewer',
        'hb-data:authority-supervisor',
      ]);
      const [overdueTask] = await db.db.select().from(tasks).where(eq(tasks.id, open.taskId));
      expect(overdueTask?.status).toBe('open');
      expect(overdueTask?.overdue).toBe(true);

      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: open.taskId, actor: authority, decision: 'provided' }] });
      expect((await handle.result()).status).toBe('fulfilled');
      const [request] = await db.db.select().from(requests).where(eq(requests.id, input.requestId));
      expect(request?.status).toBe('fulfilled');
      const trail = await db.db.select().from(auditLog).where(eq(auditLog.requestId, input.requestId));
      expect(trail.map((a) => a.action)).toEqual([
        'request.status-changed',
        'task.opened',
        'escalation.reminder',
        'escalation.overdue',
        'task.completed',
        'request.status-changed',
      ]);
      expect(trail.find((a) => a.action === 'task.completed')?.details).toMatchObject({ late: true });
      // No party has a webhook here, so no rung scheduled a delivery (webhooks.delivery.test.ts covers one that does).
      const scheduled = (await handle.fetchHistory()).events?.filter((e) => e.activityTaskScheduledEventAttributes) ?? [];
      expect(scheduled.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)).not.toContain('deliverWebhooks');
    });
    await db.close();
  });

  it('rejects completion by the wrong department, a wrong decision, and a second completion, leaving no trace in history', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerShareRequest(db.db, new Date(await env().currentTimeMs()).toISOString());
    await worker.runUntil(async () => {
      const handle = await steadyClient(env()).workflow.start(workflowTypes.shareRequest, { taskQueue, workflowId: input.workflowId, args: [input] });
      const open = await firstOpenTask(handle);
      const attempt = (actor: typeof authority, decision: string) =>
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: open.taskId, actor, decision }] });

      await expect(attempt({ userId: 'u-gat-zhang', departmentId: 'hb-gat', roles: ['provider'] }, 'provided')).rejects.toMatchObject({
        cause: { type: 'WrongActor' },
      });
      await expect(attempt(authority, 'refused')).rejects.toMatchObject({ cause: { type: 'InvalidDecision' } });
      await expect(attempt({ ...authority, roles: ['authority-supervisor'] }, 'provided')).rejects.toMatchObject({
        cause: { type: 'WrongActor' },
      });
      expect(await acceptedUpdates(handle)).toBe(0);

      // Two completions at once (a double click): one is accepted, the other refused while the first is recorded.
      const [first, second] = await Promise.allSettled([attempt(authority, 'provided'), attempt(authority, 'provided')]);
      const outcomes = [first, second].map((r) => r.status);
      expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
      // Refused by the validator while the first is recorded, or — the case having closed in the same workflow task —
      // by the server because the workflow is done (the API answers 409 to both).
      const refused = [first, second].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      if (!(refused.reason instanceof WorkflowNotFoundError)) expect(refused.reason).toMatchObject({ cause: { type: 'TaskNotOpen' } });
      await handle.result();
      expect(await acceptedUpdates(handle)).toBe(1);
    });
    await db.close();
  });
});
