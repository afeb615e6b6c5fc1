import type { WorkflowHandle } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { auditLog, escalations } from '../../db/schema';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import {
  acceptedUpdates,
  completeAs,
  completedAtOf,
  openTask,
  people,
  registerCase,
  requestRow,
  sleepUntil,
  startWorkflow,
  statusTrail,
  taskDeadline,
  taskRow,
  secretsLaw,
  type RegisteredCase,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const DAY = 24 * 3600_000;

async function hebeiConditional(db: Db): Promise<RegisteredCase> {
  return registerCase(db, {
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    parties: hebeiParties('hb-mzt', 'hb-rst'),
    catalogueEntryId: 'HB-RST-0001',
    receivedAt: new Date(await env().currentTimeMs()).toISOString(),
  });
}

/** Forwards the request and has the provider refuse it with reasons; returns the provider's reply task id. */
async function forwardAndRefuse(handle: WorkflowHandle): Promise<string> {
  const review = await openTask(handle, 'review-forward');
  await completeAs(handle, review.taskId, people.hbData, 'forward');
  const reply = await openTask(handle, 'provider-reply');
  await completeAs(handle, reply.taskId, people.hbRst, 'refuse', '涉及个人参保明细，超出所述应用场景 beyond the stated scenario', undefined, secretsLaw);
  return reply.taskId;
}

describe('a refused conditional share request (hebei-2023)', () => {
  it('rejects a refusal without reasons before it enters history; the requester objects and the authority upholds the refusal', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await hebeiConditional(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const review = await openTask(handle, 'review-forward');
      await completeAs(handle, review.taskId, people.hbData, 'forward');
      const reply = await openTask(handle, 'provider-reply');
      expect(await acceptedUpdates(handle)).toBe(1);

      await expect(completeAs(handle, reply.taskId, people.hbRst, 'refuse')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await expect(completeAs(handle, reply.taskId, people.hbRst, 'refuse', '   ')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      // Reasons alone are no legal basis (draft art. 19): refused before it enters history, naming the field.
      await expect(completeAs(handle, reply.taskId, people.hbRst, 'refuse', '超出所述应用场景 beyond the stated scenario')).rejects.toMatchObject({
        cause: { type: 'LegalBasisRequired', details: ['body.legalBasis'] },
      });
      expect(await acceptedUpdates(handle)).toBe(1);
      expect(await taskRow(db.db, reply.taskId)).toMatchObject({ status: 'open', decision: null });
      expect((await handle.query(caseStateQuery)).status).toBe('awaiting-provider-reply');

      await completeAs(handle, reply.taskId, people.hbRst, 'refuse', '超出所述应用场景 beyond the stated scenario', undefined, secretsLaw);
      expect(await taskRow(db.db, reply.taskId)).toMatchObject({
        status: 'completed',
        decision: 'refuse',
        reason: '超出所述应用场景 beyond the stated scenario',
        legalBasis: secretsLaw,
      });

      const objection = await openTask(handle, 'requester-objection');
      expect(objection).toMatchObject({ assigneeDepartmentId: 'hb-mzt', assigneeRole: 'requester', decisions: ['object', 'waive'] });
      const refusedAt = await completedAtOf(db.db, reply.taskId);
      expect(await taskDeadline(db.db, objection.taskId)).toEqual(
        nationalCalendar.deadline({ start: refusedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await expect(completeAs(handle, objection.taskId, people.hbMzt, 'object')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, objection.taskId, people.hbMzt, 'object', '核验低保资格属法定职责 verifying eligibility is a statutory duty');

      const coordinate = await openTask(handle, 'coordinate-decide');
      expect(coordinate).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer', decisions: ['uphold-refusal', 'order-provision'] });
      const objectedAt = await completedAtOf(db.db, objection.taskId);
      expect(await taskDeadline(db.db, coordinate.taskId)).toEqual(
        nationalCalendar.deadline({ start: objectedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await expect(completeAs(handle, coordinate.taskId, people.hbData, 'uphold-refusal')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, coordinate.taskId, people.hbData, 'uphold-refusal', '所需数据超出履职必需 not necessary for the duty', undefined, secretsLaw);

      expect(await handle.result()).toEqual({ status: 'refused', decision: 'uphold-refusal' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'refused', outcome: 'uphold-refusal' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-review-forward',
        'awaiting-provider-reply',
        'awaiting-requester-objection',
        'awaiting-coordinate-decide',
        'refused',
      ]);
      expect(await acceptedUpdates(handle)).toBe(4);
    });
    await db.close();
  });

  it('the authority orders provision: provide-data is counted from the decision, not from the refusal days earlier, and the case is fulfilled', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await hebeiConditional(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const replyTaskId = await forwardAndRefuse(handle);
      const objection = await openTask(handle, 'requester-objection');
      await env().sleep(3 * DAY);
      await completeAs(handle, objection.taskId, people.hbMzt, 'object', '核验参保状态属法定职责 a statutory duty');
      const coordinate = await openTask(handle, 'coordinate-decide');
      await env().sleep(4 * DAY);
      await completeAs(handle, coordinate.taskId, people.hbData, 'order-provision', '属履职必需，应予共享 necessary for the duty: share it');

      const provide = await openTask(handle, 'provide-data');
      expect(provide.taskId).toBe(`${input.requestId}/provide-data/1`);
      const decidedAt = await completedAtOf(db.db, coordinate.taskId);
      const refusedAt = await completedAtOf(db.db, replyTaskId);
      expect(Date.parse(decidedAt) - Date.parse(refusedAt)).toBeGreaterThanOrEqual(7 * DAY);
      expect(await taskDeadline(db.db, provide.taskId)).toEqual(
        nationalCalendar.deadline({ start: decidedAt, n: 3, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      expect((await taskRow(db.db, provide.taskId)).overdue).toBe(false);
      await completeAs(handle, provide.taskId, people.hbData, 'provided');

      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'fulfilled', outcome: 'provided' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-review-forward',
        'awaiting-provider-reply',
        'awaiting-requester-objection',
        'awaiting-coordinate-decide',
        'awaiting-provide-data',
        'fulfilled',
      ]);
    });
    await db.close();
  });

  it("keeps the requester's objection open past its suggested period (the text sets no time limit): a reminder to the requester, no overdue notice, no lapse; the objection still counts", async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await hebeiConditional(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      await forwardAndRefuse(handle);
      const objection = await openTask(handle, 'requester-objection');
      const row = await taskRow(db.db, objection.taskId);
      expect(row.option).toMatchObject({ lapses: false });
      expect(row.option!.zh).toContain('本办法征求意见稿未规定提出异议的期限');
      expect(row.option!.en).toContain('stays open until the requester chooses');
      const endsMs = Date.parse((await taskDeadline(db.db, objection.taskId)).endsAt);

      // Well past the suggested period: still open, the case still awaiting the requester.
      await sleepUntil(env(), endsMs + 5 * DAY);
      const state = await handle.query(caseStateQuery);
      expect(state.status).toBe('awaiting-requester-objection');
      expect(state.openTasks).toEqual([expect.objectContaining({ taskId: objection.taskId, overdue: false, rungs: ['reminder'] })]);
      expect(await taskRow(db.db, objection.taskId)).toMatchObject({ status: 'open', decision: null, overdue: false, rung: null });
      const fired = await db.db.select().from(escalations).where(eq(escalations.taskId, objection.taskId));
      expect(fired.map((e) => e.rung)).toEqual(['reminder']);
      expect(fired[0]!.details).toMatchObject({ basis: 'policy', notified: ['hb-mzt:requester'] });
      expect(String((fired[0]!.details as { explanation: { zh: string } }).explanation.zh)).toContain('保持开放');

      await completeAs(handle, objection.taskId, people.hbMzt, 'object', '核验低保资格属法定职责 verifying eligibility is a statutory duty');
      const coordinate = await openTask(handle, 'coordinate-decide');
      await completeAs(handle, coordinate.taskId, people.hbData, 'uphold-refusal', '所需数据超出履职必需 not necessary for the duty', undefined, secretsLaw);
      expect(await handle.result()).toEqual({ status: 'refused', decision: 'uphold-refusal' });
      const [completed] = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.taskId, objection.taskId), eq(auditLog.action, 'task.completed')));
      expect(completed).toMatchObject({ actorUserId: people.hbMzt.userId });
      expect(completed?.details).not.toHaveProperty('lapsed');
    });
    await db.close();
  });
});
