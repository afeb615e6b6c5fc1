import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import {
  acceptedUpdates,
  completeAs,
  createCatalogueEntry,
  eventually,
  openTask,
  people,
  registerCase,
  requestExtensionAs,
  startWorkflow,
  taskDeadline,
  taskRow,
  type RegisteredCase,
} from '../support/cases';
import { hebeiParties, nextFridayMorning } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

/**
 * An extension may be asked for only while the period runs, so the change of duties lies in the future of the test
 * clock (the next Friday morning) and every date is computed from the calendar (how an extension counts across New
 * Year and its make-up day is pinned in tests/calendar/).
 */

async function register(db: Db, pack: string): Promise<RegisteredCase> {
  const changedAt = nextFridayMorning(await env().currentTimeMs());
  const own = await createCatalogueEntry(db, { provider: 'hb-scjgj', sharingAttribute: 'unconditional' });
  return registerCase(db, {
    process: 'catalogue-change',
    pack,
    jurisdiction: 'hebei',
    parties: hebeiParties('hb-scjgj', 'hb-scjgj'),
    catalogueEntryId: own.id,
    receivedAt: changedAt,
  });
}

async function dueChanges(db: Db, taskId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.taskId, taskId), eq(auditLog.action, 'task.due-changed')));
}

describe('extending the period to submit a catalogue update', () => {
  it('hebei-2023: +10 WD with the authority consent, counted from the last day; no more than 10 in total', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await register(db.db, 'hebei-2023');
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.catalogueChange, input);
      const submit = await openTask(handle, 'submit-update');
      const original = await taskDeadline(db.db, submit.taskId);
      expect(original).toEqual(nationalCalendar.deadline({ start: input.receivedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }));

      const ask = (n: number, actor = people.hbScjgj, reason?: string) => requestExtensionAs(handle, submit.taskId, actor, n, reason);
      await expect(ask(10, people.hbData)).rejects.toMatchObject({ cause: { type: 'WrongActor' } });
      await expect(ask(10, people.hbScjgj, ' ')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await expect(ask(11)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      await expect(ask(0)).rejects.toMatchObject({ cause: { type: 'ExtensionNotAllowed' } });
      expect(await acceptedUpdates(handle)).toBe(0);

      expect(await ask(10)).toEqual({ decisionTaskId: `${input.requestId}/submit-update.extension/1` });
      const decision = await openTask(handle, 'submit-update.extension');
      expect(decision).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer', decisions: ['grant', 'refuse'] });
      await expect(ask(5)).rejects.toMatchObject({ cause: { type: 'ExtensionPending' } });
      await expect(completeAs(handle, decision.taskId, people.hbData, 'refuse')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, decision.taskId, people.hbData, 'grant');

      const extended = await eventually(
        () => taskDeadline(db.db, submit.taskId),
        (d) => d.due !== original.due,
        'the extended deadline',
      );
      expect(extended).toEqual(nationalCalendar.extend(original, 10));
      expect(extended).toMatchObject({ extensions: [10] });
      expect((await taskRow(db.db, submit.taskId)).dueAt.toISOString()).toBe(new Date(extended.endsAt).toISOString());
      const [change] = await dueChanges(db.db, submit.taskId);
      expect(change?.details).toMatchObject({ cause: 'extension-granted', fromDue: original.due, toDue: extended.due });
      const state = await handle.query(caseStateQuery);
      expect(state.openTasks.find((t) => t.taskId === submit.taskId)?.dueAt).toBe(extended.endsAt);

      await expect(ask(1)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      await completeAs(handle, submit.taskId, people.hbScjgj, 'submitted', undefined, { updateFrequency: '每周 weekly' });
      const review = await openTask(handle, 'review-update');
      await expect(requestExtensionAs(handle, review.taskId, people.hbData, 1)).rejects.toMatchObject({ cause: { type: 'ExtensionNotAllowed' } });
      await completeAs(handle, review.taskId, people.hbData, 'approve');
      expect(await handle.result()).toEqual({ status: 'approved', decision: 'approve' });
    });
    await db.close();
  });

  it('hebei-2023: a refused extension leaves the deadline as it was and does not count against the limit', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await register(db.db, 'hebei-2023');
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.catalogueChange, input);
      const submit = await openTask(handle, 'submit-update');
      const original = await taskDeadline(db.db, submit.taskId);
      const { decisionTaskId } = await requestExtensionAs(handle, submit.taskId, people.hbScjgj, 5);
      await completeAs(handle, decisionTaskId, people.hbData, 'refuse', '理由不充分 insufficient reasons');
      await eventually(
        () => handle.query(caseStateQuery),
        (s) => s.openTasks.length === 1,
        'the decision task closed',
      );
      expect(await taskDeadline(db.db, submit.taskId)).toEqual(original);
      expect(await dueChanges(db.db, submit.taskId)).toEqual([]);
      expect(await requestExtensionAs(handle, submit.taskId, people.hbScjgj, 10)).toEqual({
        decisionTaskId: `${input.requestId}/submit-update.extension/2`,
      });
      // Completing the step while its extension awaits a decision cancels the decision task.
      await completeAs(handle, submit.taskId, people.hbScjgj, 'submitted', undefined, { updateFrequency: '每周 weekly' });
      await eventually(
        () => taskRow(db.db, `${input.requestId}/submit-update.extension/2`),
        (t) => t.status === 'cancelled',
        'the pending extension cancelled',
      );
      await openTask(handle, 'review-update');
    });
    await db.close();
  });

  it('hebei-2022-draft: art. 11 allows +20 WD, granted in one request', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await register(db.db, 'hebei-2022-draft');
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.catalogueChange, input);
      const submit = await openTask(handle, 'submit-update');
      const original = await taskDeadline(db.db, submit.taskId);
      await expect(requestExtensionAs(handle, submit.taskId, people.hbScjgj, 21)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      const { decisionTaskId } = await requestExtensionAs(handle, submit.taskId, people.hbScjgj, 20);
      await completeAs(handle, decisionTaskId, people.hbData, 'grant');
      const extended = await eventually(
        () => taskDeadline(db.db, submit.taskId),
        (d) => d.due !== original.due,
        'the extended deadline',
      );
      expect(extended).toEqual(nationalCalendar.extend(original, 20));
      expect(extended).toMatchObject({ extensions: [20] });
      await expect(requestExtensionAs(handle, submit.taskId, people.hbScjgj, 1)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
    });
    await db.close();
  });
});
