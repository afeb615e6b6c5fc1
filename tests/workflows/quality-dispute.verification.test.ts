import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { nationalCalendar, type Deadline } from '../../calendar';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { escalations } from '../../db/schema';
import { escalationSchedule, getPack } from '../../rules';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import {
  completeAs,
  completedAtOf,
  eventually,
  openTask,
  people,
  registerCase,
  requestExtensionAs,
  requestRow,
  sleepUntil,
  startWorkflow,
  statusTrail,
  taskDeadline,
  anhuiParties,
  type RegisteredCase,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const DAY = 24 * 3600_000;
const explanation = '数据与户籍底册一致，差异系录入时点不同 consistent with the register; timing difference';

async function hebeiDispute(db: Db): Promise<RegisteredCase> {
  return registerCase(db, {
    process: 'quality-dispute',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    parties: hebeiParties('hb-mzt', 'hb-gat'),
    catalogueEntryId: 'HB-GAT-0001',
    receivedAt: new Date(await env().currentTimeMs()).toISOString(),
  });
}

/** Grants an extension of `n` and waits until the verification task's deadline has moved. */
async function extend(handle: WorkflowHandle, db: Db, taskId: string, n: number, asker: typeof people.hbGat, approver: typeof people.hbData): Promise<Deadline> {
  const before = await taskDeadline(db, taskId);
  const { decisionTaskId } = await requestExtensionAs(handle, taskId, asker, n);
  await completeAs(handle, decisionTaskId, approver, 'grant');
  return eventually(() => taskDeadline(db, taskId), (d) => d.due !== before.due, 'the extended deadline');
}

/** Forward → verify → explained; returns the requester-response task. */
async function toResponse(handle: WorkflowHandle) {
  const forward = await openTask(handle, 'forward-dispute');
  await completeAs(handle, forward.taskId, people.hbData, 'forward');
  const verify = await openTask(handle, 'verify-answer');
  await completeAs(handle, verify.taskId, people.hbGat, 'explained', explanation);
  return openTask(handle, 'requester-response');
}

describe('a data-quality dispute', () => {
  it('hebei-2023: forwarded in 3 WD, verified in 10 WD extended to the +10 WD limit in two grants, answered and accepted', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await hebeiDispute(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const forward = await openTask(handle, 'forward-dispute');
      expect(forward).toMatchObject({ assigneeDepartmentId: 'hb-data', decisions: ['forward'] });
      expect(await taskDeadline(db.db, forward.taskId)).toEqual(
        nationalCalendar.deadline({ start: input.receivedAt, n: 3, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await expect(requestExtensionAs(handle, forward.taskId, people.hbData, 1)).rejects.toMatchObject({ cause: { type: 'ExtensionNotAllowed' } });
      await completeAs(handle, forward.taskId, people.hbData, 'forward');

      const verify = await openTask(handle, 'verify-answer');
      expect(verify).toMatchObject({ assigneeDepartmentId: 'hb-gat', assigneeRole: 'provider', decisions: ['explained', 'repaired'] });
      const original = await taskDeadline(db.db, verify.taskId);
      expect(original).toEqual(
        nationalCalendar.deadline({ start: await completedAtOf(db.db, forward.taskId), n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await expect(requestExtensionAs(handle, verify.taskId, people.hbGat, 11)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      const first = await extend(handle, db.db, verify.taskId, 4, people.hbGat, people.hbData);
      expect(first).toEqual(nationalCalendar.extend(original, 4));
      await expect(requestExtensionAs(handle, verify.taskId, people.hbGat, 7)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      const second = await extend(handle, db.db, verify.taskId, 6, people.hbGat, people.hbData);
      expect(second).toEqual(nationalCalendar.extend(first, 6));
      expect(second.extensions).toEqual([4, 6]);
      expect(second.due).toBe(nationalCalendar.addWorkingDays(original.due, 10, 'hebei'));
      await expect(requestExtensionAs(handle, verify.taskId, people.hbGat, 1)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });

      await expect(completeAs(handle, verify.taskId, people.hbGat, 'explained')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, verify.taskId, people.hbGat, 'explained', explanation);

      const response = await openTask(handle, 'requester-response');
      expect(response).toMatchObject({ assigneeDepartmentId: 'hb-mzt', assigneeRole: 'requester', decisions: ['accept', 'object'] });
      expect(await taskDeadline(db.db, response.taskId)).toEqual(
        nationalCalendar.deadline({ start: await completedAtOf(db.db, verify.taskId), n: 5, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await expect(requestExtensionAs(handle, response.taskId, people.hbMzt, 1)).rejects.toMatchObject({ cause: { type: 'ExtensionNotAllowed' } });
      await completeAs(handle, response.taskId, people.hbMzt, 'accept');

      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'accept' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'resolved', outcome: 'accept' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-forward-dispute',
        'awaiting-verify-answer',
        'awaiting-requester-response',
        'resolved',
      ]);
    });
    await db.close();
  });

  it('hebei-2023: the requester objects to the answer and the authority, coordinating, upholds it', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await hebeiDispute(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const response = await toResponse(handle);
      await expect(completeAs(handle, response.taskId, people.hbMzt, 'object')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, response.taskId, people.hbMzt, 'object', '现场核验结果与数据不符 field checks disagree');
      const coordinate = await openTask(handle, 'coordinate-decide');
      expect(coordinate).toMatchObject({ assigneeDepartmentId: 'hb-data', decisions: ['uphold-answer', 'order-repair'] });
      expect(await taskDeadline(db.db, coordinate.taskId)).toEqual(
        nationalCalendar.deadline({ start: await completedAtOf(db.db, response.taskId), n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await completeAs(handle, coordinate.taskId, people.hbData, 'uphold-answer', '以户籍底册为准 the register prevails');
      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'uphold-answer' });
    });
    await db.close();
  });

  it('hebei-2023: coordination orders a repair; verification runs again, counted from the decision, and the repair is accepted', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await hebeiDispute(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const response = await toResponse(handle);
      await completeAs(handle, response.taskId, people.hbMzt, 'object', '现场核验结果与数据不符 field checks disagree');
      const coordinate = await openTask(handle, 'coordinate-decide');
      await env().sleep(5 * DAY);
      await completeAs(handle, coordinate.taskId, people.hbData, 'order-repair', '责成修复地址字段 repair the address field');

      const again = await openTask(handle, 'verify-answer');
      expect(again.taskId).toBe(`${input.requestId}/verify-answer/2`);
      const decidedAt = await completedAtOf(db.db, coordinate.taskId);
      expect(await taskDeadline(db.db, again.taskId)).toEqual(
        nationalCalendar.deadline({ start: decidedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await completeAs(handle, again.taskId, people.hbGat, 'repaired', '已修复地址字段 address field repaired');
      const second = await openTask(handle, 'requester-response');
      expect(second.taskId).toBe(`${input.requestId}/requester-response/2`);
      await completeAs(handle, second.taskId, people.hbMzt, 'accept');
      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'accept' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-forward-dispute',
        'awaiting-verify-answer',
        'awaiting-requester-response',
        'awaiting-coordinate-decide',
        'awaiting-verify-answer',
        'awaiting-requester-response',
        'resolved',
      ]);
    });
    await db.close();
  });

  it('anhui-2021: verified within 7 WD of receipt (art. 26), extended by the +7 WD limit, answered, objected to, answer upheld', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'quality-dispute',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-mzt', 'ah-gat'),
      catalogueEntryId: 'AH-GAT-0001',
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const verify = await openTask(handle, 'verify-answer');
      expect(verify).toMatchObject({ assigneeDepartmentId: 'ah-gat', assigneeRole: 'provider' });
      const original = await taskDeadline(db.db, verify.taskId);
      expect(original).toEqual(nationalCalendar.deadline({ start: input.receivedAt, n: 7, unit: 'working-days', jurisdiction: 'anhui' }));
      await expect(requestExtensionAs(handle, verify.taskId, people.ahGat, 8)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      const extended = await extend(handle, db.db, verify.taskId, 7, people.ahGat, people.ahData);
      expect(extended).toEqual(nationalCalendar.extend(original, 7));
      await expect(requestExtensionAs(handle, verify.taskId, people.ahGat, 1)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      await completeAs(handle, verify.taskId, people.ahGat, 'explained', explanation);

      const response = await openTask(handle, 'requester-response');
      expect(response).toMatchObject({ assigneeDepartmentId: 'ah-mzt' });
      await completeAs(handle, response.taskId, people.ahMzt, 'object', '与民政底册不一致 inconsistent with our register');
      const coordinate = await openTask(handle, 'coordinate-decide');
      expect(coordinate).toMatchObject({ assigneeDepartmentId: 'ah-data' });
      await completeAs(handle, coordinate.taskId, people.ahData, 'uphold-answer', '以公安户籍数据为准 the household register prevails');
      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'uphold-answer' });
    });
    await db.close();
  });

  it('hebei-2023: once an extension is granted the ladder runs from the extended deadline: nothing at the old due instant, reminder and overdue at the new', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await hebeiDispute(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const forward = await openTask(handle, 'forward-dispute');
      await completeAs(handle, forward.taskId, people.hbData, 'forward');
      const verify = await openTask(handle, 'verify-answer');
      const original = await taskDeadline(db.db, verify.taskId);
      const extended = await extend(handle, db.db, verify.taskId, 5, people.hbGat, people.hbData);
      const policy = getPack('hebei-2023').policy.escalation;
      const before = escalationSchedule(original, policy, nationalCalendar);
      const after = escalationSchedule(extended, policy, nationalCalendar);
      const fired = () => db.db.select().from(escalations).where(eq(escalations.taskId, verify.taskId));

      await sleepUntil(env(), Date.parse(before.overdueAt) + 1000);
      await handle.query(caseStateQuery);
      expect(await fired()).toEqual([]);
      await sleepUntil(env(), Date.parse(after.overdueAt) + 1000);
      const rows = await eventually(fired, (r) => r.length === 2, 'reminder and overdue at the extended deadline');
      expect(Object.fromEntries(rows.map((r) => [r.rung, r.scheduledAt.getTime()]))).toEqual({
        reminder: Date.parse(after.reminderAt!),
        overdue: Date.parse(after.overdueAt),
      });
      await completeAs(handle, verify.taskId, people.hbGat, 'repaired', '已修复 repaired');
      const response = await openTask(handle, 'requester-response');
      await completeAs(handle, response.taskId, people.hbMzt, 'accept');
      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'accept' });
    });
    await db.close();
  });
});
