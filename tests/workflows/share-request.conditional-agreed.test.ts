import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { getPack, step } from '../../rules';
import { workflowTypes } from '../../workflows/messages';
import {
  anhuiParties,
  completeAs,
  completedAtOf,
  openTask,
  people,
  registerCase,
  requestRow,
  startWorkflow,
  statusTrail,
  taskDeadline,
  taskRow,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const receivedAt = '2025-09-28T10:00:00+08:00';
const nationalDay = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'];

/** The deadline the pack's period gives on the national calendar, counted from `start`. */
function expectedDeadline(packId: string, stepId: string, start: string, jurisdiction: string) {
  const { period } = step(getPack(packId), 'conditional-share', stepId);
  return nationalCalendar.deadline({ start, n: period.n, unit: period.unit, jurisdiction });
}

describe('a conditional share request received on the Sunday before the 8-day National Day 2025, agreed and fulfilled', () => {
  it('hebei-2023: review-forward due 3 WD after receipt (9 Oct, the holiday skipped), provider-reply 5 WD and provide-data 3 WD from the step before', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-gat'),
      catalogueEntryId: 'HB-GAT-0001',
      receivedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);

      const review = await openTask(handle, 'review-forward');
      expect(review.taskId).toBe(`${input.requestId}/review-forward/1`);
      expect(review).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer' });
      const reviewDeadline = await taskDeadline(db.db, review.taskId);
      expect(reviewDeadline).toEqual(expectedDeadline('hebei-2023', 'review-forward', receivedAt, 'hebei'));
      // Counting starts on Mon 29 Sep: 29, 30 Sep, then the eight days of 1–8 Oct are skipped, then 9 Oct.
      expect(reviewDeadline).toMatchObject({ due: '2025-10-09', endsAt: '2025-10-10T00:00:00+08:00', provisional: false });
      expect(reviewDeadline.skipped.map((d) => d.date)).toEqual(nationalDay);
      expect(reviewDeadline.skipped.every((d) => d.reason === 'holiday')).toBe(true);
      expect(review.dueAt).toBe('2025-10-10T00:00:00+08:00');
      await completeAs(handle, review.taskId, people.hbData, 'forward');

      const reply = await openTask(handle, 'provider-reply');
      expect(reply).toMatchObject({ assigneeDepartmentId: 'hb-gat', assigneeRole: 'provider', decisions: ['agree', 'refuse'] });
      const forwardedAt = await completedAtOf(db.db, review.taskId);
      expect(await taskDeadline(db.db, reply.taskId)).toEqual(expectedDeadline('hebei-2023', 'provider-reply', forwardedAt, 'hebei'));
      expect((await taskDeadline(db.db, reply.taskId)).n).toBe(5);
      await completeAs(handle, reply.taskId, people.hbGat, 'agree');

      const provide = await openTask(handle, 'provide-data');
      expect(provide).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer' });
      const agreedAt = await completedAtOf(db.db, reply.taskId);
      expect(await taskDeadline(db.db, provide.taskId)).toEqual(expectedDeadline('hebei-2023', 'provide-data', agreedAt, 'hebei'));
      await completeAs(handle, provide.taskId, people.hbData, 'provided');

      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'fulfilled', outcome: 'provided' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-review-forward',
        'awaiting-provider-reply',
        'awaiting-provide-data',
        'fulfilled',
      ]);
      // The review was done more than a year late: the task says so, and its ladder ran.
      expect(await taskRow(db.db, review.taskId)).toMatchObject({ status: 'completed', decision: 'forward', completedBy: 'u-data-chen', overdue: true });
    });
    await db.close();
  });

  it('anhui-2021: no forwarding step; the provider replies within 7 WD of receipt (14 Oct, the make-up Saturday 11 Oct counted), then access is opened', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-mzt', 'ah-gat'),
      catalogueEntryId: 'AH-GAT-0001',
      receivedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);

      const reply = await openTask(handle, 'provider-reply');
      expect(reply.taskId).toBe(`${input.requestId}/provider-reply/1`);
      expect(reply).toMatchObject({ assigneeDepartmentId: 'ah-gat', assigneeRole: 'provider', decisions: ['agree', 'refuse', 'return-incomplete'] });
      const replyDeadline = await taskDeadline(db.db, reply.taskId);
      expect(replyDeadline).toEqual(expectedDeadline('anhui-2021', 'provider-reply', receivedAt, 'anhui'));
      expect(replyDeadline).toMatchObject({ due: '2025-10-14', endsAt: '2025-10-15T00:00:00+08:00', n: 7, jurisdiction: 'anhui' });
      expect(replyDeadline.skipped.map((d) => d.date)).toEqual([...nationalDay, '2025-10-12']);
      expect(replyDeadline.counted).toContainEqual(expect.objectContaining({ date: '2025-10-11', makeUp: true }));
      await completeAs(handle, reply.taskId, people.ahGat, 'agree');

      const provide = await openTask(handle, 'provide-data');
      expect(provide).toMatchObject({ assigneeDepartmentId: 'ah-data', assigneeRole: 'authority-reviewer' });
      const agreedAt = await completedAtOf(db.db, reply.taskId);
      expect(await taskDeadline(db.db, provide.taskId)).toEqual(expectedDeadline('anhui-2021', 'provide-data', agreedAt, 'anhui'));
      await completeAs(handle, provide.taskId, people.ahData, 'provided');

      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'fulfilled', outcome: 'provided' });
      expect(await statusTrail(db.db, input.requestId)).toEqual(['awaiting-provider-reply', 'awaiting-provide-data', 'fulfilled']);
    });
    await db.close();
  });
});
