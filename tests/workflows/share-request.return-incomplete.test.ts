import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
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

const DAY = 24 * 3600_000;
const missing = '未说明应用场景所依据的职责 the duty behind the scenario is not stated';

describe('returning an incomplete share request for completion', () => {
  it('hebei-2023: returned once with reasons; the review clock restarts from the resubmission; a second return is not allowed', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const receivedAt = new Date(await env().currentTimeMs()).toISOString();
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-wsjkw'),
      catalogueEntryId: 'HB-WSJKW-0001',
      receivedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const first = await openTask(handle, 'review-forward');
      expect(first.decisions).toEqual(['forward', 'return-incomplete']);
      await expect(completeAs(handle, first.taskId, people.hbData, 'return-incomplete')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, first.taskId, people.hbData, 'return-incomplete', missing);

      const completion = await openTask(handle, 'complete-request');
      expect(completion).toMatchObject({ assigneeDepartmentId: 'hb-mzt', assigneeRole: 'requester', decisions: ['resubmit', 'withdraw'] });
      const returnedAt = await completedAtOf(db.db, first.taskId);
      expect(await taskDeadline(db.db, completion.taskId)).toEqual(
        nationalCalendar.deadline({ start: returnedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await env().sleep(6 * DAY);
      await completeAs(handle, completion.taskId, people.hbMzt, 'resubmit', undefined, { scenario: '出生登记联办 birth registration' });

      const second = await openTask(handle, 'review-forward');
      expect(second.taskId).toBe(`${input.requestId}/review-forward/2`);
      expect(second.decisions).toEqual(['forward']);
      const resubmittedAt = await completedAtOf(db.db, completion.taskId);
      expect(Date.parse(resubmittedAt) - Date.parse(receivedAt)).toBeGreaterThanOrEqual(6 * DAY);
      const restarted = await taskDeadline(db.db, second.taskId);
      expect(restarted).toEqual(nationalCalendar.deadline({ start: resubmittedAt, n: 3, unit: 'working-days', jurisdiction: 'hebei' }));
      expect(restarted.due).not.toBe((await taskDeadline(db.db, first.taskId)).due);
      await expect(completeAs(handle, second.taskId, people.hbData, 'return-incomplete', missing)).rejects.toMatchObject({
        cause: { type: 'InvalidDecision' },
      });
      expect((await taskRow(db.db, second.taskId)).status).toBe('open');
      await completeAs(handle, second.taskId, people.hbData, 'forward');

      const reply = await openTask(handle, 'provider-reply');
      await completeAs(handle, reply.taskId, people.hbWsjkw, 'agree');
      const provide = await openTask(handle, 'provide-data');
      await completeAs(handle, provide.taskId, people.hbData, 'provided');
      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-review-forward',
        'awaiting-complete-request',
        'awaiting-review-forward',
        'awaiting-provider-reply',
        'awaiting-provide-data',
        'fulfilled',
      ]);
    });
    await db.close();
  });

  it('the review taken again after completion cites draft art. 19 by analogy (参照) and says what restarted its clock; every task names its legal trigger', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-wsjkw'),
      catalogueEntryId: 'HB-WSJKW-0001',
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const first = await openTask(handle, 'review-forward');
      await completeAs(handle, first.taskId, people.hbData, 'return-incomplete', missing);
      const completion = await openTask(handle, 'complete-request');
      await completeAs(handle, completion.taskId, people.hbMzt, 'resubmit', undefined, { scenario: '出生登记联办 birth registration' });
      const second = await openTask(handle, 'review-forward');

      const original = await taskRow(db.db, first.taskId);
      expect(original.citation).toMatchObject({ article: '征求意见稿第十九条 (2022 draft art. 19)' });
      expect(original.citation).not.toHaveProperty('byAnalogy');
      expect(original.trigger).toEqual({ zh: '自收到申请之日起', en: 'from receipt of the request' });
      expect((await taskRow(db.db, completion.taskId)).trigger).toEqual({ zh: '自申请被退回之日起', en: 'from the day the request is returned' });

      const resumed = await taskRow(db.db, second.taskId);
      expect(resumed.citation).toMatchObject({ article: '参照征求意见稿第十九条 (2022 draft art. 19, applied by analogy)', byAnalogy: true });
      expect(String(resumed.citation!.note)).toMatch(/^参照适用:该条的期限自收到申请之日起计算;本步骤系补正后重新审查/);
      expect(resumed.trigger).toEqual({
        zh: '补正后重新审查,期限自收到补正后申请之日起重新计算(参照征求意见稿第十九条:该条的期限原自收到申请之日起计算)',
        en: 'reviewed again, the period running afresh from receipt of the completed request (2022 draft art. 19, applied by analogy: the article counts its period from receipt of the request)',
        byAnalogy: true,
      });
    });
    await db.close();
  });

  it('hebei-2023: the requester may withdraw a returned request instead of completing it', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-wsjkw'),
      catalogueEntryId: 'HB-WSJKW-0001',
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const review = await openTask(handle, 'review-forward');
      await completeAs(handle, review.taskId, people.hbData, 'return-incomplete', missing);
      const completion = await openTask(handle, 'complete-request');
      await completeAs(handle, completion.taskId, people.hbMzt, 'withdraw');
      expect(await handle.result()).toEqual({ status: 'withdrawn', decision: 'withdraw' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'withdrawn', outcome: 'withdraw' });
    });
    await db.close();
  });

  it("anhui-2021: the provider returns it; the reply's 7 WD run afresh from the completed request's receipt, without a second return", async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-mzt', 'ah-gat'),
      catalogueEntryId: 'AH-GAT-0001',
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const first = await openTask(handle, 'provider-reply');
      await completeAs(handle, first.taskId, people.ahGat, 'return-incomplete', missing);
      const completion = await openTask(handle, 'complete-request');
      expect(completion).toMatchObject({ assigneeDepartmentId: 'ah-mzt', assigneeRole: 'requester' });
      await env().sleep(4 * DAY);
      await completeAs(handle, completion.taskId, people.ahMzt, 'resubmit');

      const second = await openTask(handle, 'provider-reply');
      expect(second.taskId).toBe(`${input.requestId}/provider-reply/2`);
      expect(second.decisions).toEqual(['agree', 'refuse']);
      const resubmittedAt = await completedAtOf(db.db, completion.taskId);
      expect(await taskDeadline(db.db, second.taskId)).toEqual(
        nationalCalendar.deadline({ start: resubmittedAt, n: 7, unit: 'working-days', jurisdiction: 'anhui' }),
      );
      await expect(completeAs(handle, second.taskId, people.ahGat, 'return-incomplete', missing)).rejects.toMatchObject({
        cause: { type: 'InvalidDecision' },
      });
      await completeAs(handle, second.taskId, people.ahGat, 'agree');
      const provide = await openTask(handle, 'provide-data');
      await completeAs(handle, provide.taskId, people.ahData, 'provided');
      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
    });
    await db.close();
  });
});
