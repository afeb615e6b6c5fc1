import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { workflowTypes } from '../../workflows/messages';
import {
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
  secretsLaw,
  type RegisteredCase,
} from '../support/cases';
import { hebeiParties, nextFridayMorning } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

/** Received on the Wednesday before National Day 2022, while the 2016 Provisions were in force. */
const receivedAt = '2022-09-28T10:00:00+08:00';
const DAY = 24 * 3600_000;

function shanghaiDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

function plusDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/**
 * A coming Friday at 10:00 Shanghai whose +15th day (a Saturday) and +30th day (a Sunday) are both days off, so that
 * both natural-day periods of art. 13 end on a day off and roll to the next working day (Civil Code art. 203).
 */
function fridayWhosePeriodsEndOnDaysOff(nowMs: number): string {
  let friday = nextFridayMorning(nowMs);
  for (let i = 0; i < 20; i++) {
    const date = shanghaiDate(friday);
    if (!nationalCalendar.isWorkingDay(plusDays(date, 15), 'hebei') && !nationalCalendar.isWorkingDay(plusDays(date, 30), 'hebei')) return friday;
    friday = new Date(Date.parse(friday) + 7 * DAY).toISOString();
  }
  throw new Error('no suitable Friday');
}

async function register(db: Db): Promise<RegisteredCase> {
  return registerCase(db, {
    process: 'share-request',
    pack: 'hebei-2016',
    jurisdiction: 'hebei',
    parties: hebeiParties('hb-mzt', 'hb-gat'),
    catalogueEntryId: 'HB-GAT-0001',
    receivedAt,
  });
}

/** Consultation fails; the requester applies to the authority; the provider explains; returns the coordination task. */
async function toCoordination(handle: WorkflowHandle, db: Db) {
  const consultation = await openTask(handle, 'consultation');
  await completeAs(handle, consultation.taskId, people.hbGat, 'no-agreement', '需求方要求批量导出，超出核验范围 bulk export beyond verification', undefined, secretsLaw);
  const application = await openTask(handle, 'requester-objection');
  await completeAs(handle, application.taskId, people.hbMzt, 'object', '核验救助对象身份属法定职责 a statutory duty');
  const explanation = await openTask(handle, 'provider-explanation');
  await completeAs(handle, explanation.taskId, people.hbGat, 'explained', '依《居民身份证法》仅限个案核验 case-by-case checks only');
  const coordination = await openTask(handle, 'coordinate-decide');
  return { consultation, application, explanation, coordination, db };
}

describe('a hebei-2016 conditional share request (art. 13): consultation, application, written explanation, coordination', () => {
  it('counts the explanation in 15 natural days and the coordination in 30, each rolled from its Saturday or Sunday to the next working day', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await register(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const consultation = await openTask(handle, 'consultation');
      expect(consultation).toMatchObject({ assigneeDepartmentId: 'hb-gat', assigneeRole: 'provider', decisions: ['agree', 'no-agreement'] });
      const consultDeadline = await taskDeadline(db.db, consultation.taskId);
      expect(consultDeadline).toEqual(nationalCalendar.deadline({ start: receivedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }));
      expect(consultDeadline.skipped.filter((d) => d.reason === 'holiday').map((d) => d.date)).toEqual([
        '2022-10-01', '2022-10-02', '2022-10-03', '2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07',
      ]);
      await expect(completeAs(handle, consultation.taskId, people.hbGat, 'no-agreement')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });

      const friday = fridayWhosePeriodsEndOnDaysOff(await env().currentTimeMs());
      await sleepUntil(env(), Date.parse(friday));
      const { application, explanation, coordination } = await toCoordination(handle, db.db);
      expect(application).toMatchObject({ assigneeDepartmentId: 'hb-mzt', assigneeRole: 'requester' });

      const appliedAt = await completedAtOf(db.db, application.taskId);
      const fridayDate = shanghaiDate(friday);
      expect(shanghaiDate(appliedAt)).toBe(fridayDate);
      const explain = await taskDeadline(db.db, explanation.taskId);
      expect(explain).toEqual(nationalCalendar.deadline({ start: appliedAt, n: 15, unit: 'days', jurisdiction: 'hebei' }));
      expect(explain).toMatchObject({ n: 15, unit: 'days' });
      // The 15th day is a Saturday, a day off: the period ends on the first working day after it.
      expect(explain.due > plusDays(fridayDate, 15)).toBe(true);
      expect(explain.due).toBe(nationalCalendar.nextWorkingDay(plusDays(fridayDate, 15), 'hebei'));
      expect(explain.counted.at(-1)).toMatchObject({ date: explain.due, rollover: true });

      const explainedAt = await completedAtOf(db.db, explanation.taskId);
      expect(shanghaiDate(explainedAt)).toBe(fridayDate);
      expect(coordination).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer' });
      const coordinate = await taskDeadline(db.db, coordination.taskId);
      expect(coordinate).toEqual(nationalCalendar.deadline({ start: explainedAt, n: 30, unit: 'days', jurisdiction: 'hebei' }));
      // The 30th day is a Sunday: rolled to the next working day.
      expect(coordinate.due).toBe(nationalCalendar.nextWorkingDay(plusDays(fridayDate, 30), 'hebei'));
      expect(coordinate.counted.at(-1)).toMatchObject({ date: coordinate.due, rollover: true });

      await expect(completeAs(handle, coordination.taskId, people.hbData, 'order-provision')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await env().sleep(2 * DAY);
      await completeAs(handle, coordination.taskId, people.hbData, 'order-provision', '协调确定按个案核验方式共享 share by case-by-case checks');
      const provide = await openTask(handle, 'provide-data');
      const decidedAt = await completedAtOf(db.db, coordination.taskId);
      expect(await taskDeadline(db.db, provide.taskId)).toEqual(
        nationalCalendar.deadline({ start: decidedAt, n: 3, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await completeAs(handle, provide.taskId, people.hbData, 'provided');

      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-consultation',
        'awaiting-requester-objection',
        'awaiting-provider-explanation',
        'awaiting-coordinate-decide',
        'awaiting-provide-data',
        'fulfilled',
      ]);
    });
    await db.close();
  });

  it('coordination without consensus goes to a joint decision (20 WD, local policy), which upholds the refusal', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await register(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const { coordination } = await toCoordination(handle, db.db);
      await completeAs(handle, coordination.taskId, people.hbData, 'no-consensus', '双方意见仍不一致 still no agreement');
      const joint = await openTask(handle, 'joint-decision');
      expect(joint.decisions).toEqual(['order-provision', 'uphold-refusal']);
      const failedAt = await completedAtOf(db.db, coordination.taskId);
      expect(await taskDeadline(db.db, joint.taskId)).toEqual(
        nationalCalendar.deadline({ start: failedAt, n: 20, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await completeAs(handle, joint.taskId, people.hbData, 'uphold-refusal', '会同编制、保密部门确定不予共享 decided jointly: not shared', undefined, secretsLaw);
      expect(await handle.result()).toEqual({ status: 'refused', decision: 'uphold-refusal' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'refused', outcome: 'uphold-refusal' });
    });
    await db.close();
  });

  it('agreement in consultation goes straight to provision, counted from the agreement', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await register(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const consultation = await openTask(handle, 'consultation');
      await completeAs(handle, consultation.taskId, people.hbGat, 'agree');
      const provide = await openTask(handle, 'provide-data');
      const agreedAt = await completedAtOf(db.db, consultation.taskId);
      expect(await taskDeadline(db.db, provide.taskId)).toEqual(
        nationalCalendar.deadline({ start: agreedAt, n: 3, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await completeAs(handle, provide.taskId, people.hbData, 'provided');
      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
    });
    await db.close();
  });
});
