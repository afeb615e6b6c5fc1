import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { getPack, step } from '../../rules';
import { workflowTypes, type Actor } from '../../workflows/messages';
import { completeAs, completedAtOf, openTask, people, registerCase, requestRow, startWorkflow, statusTrail, taskRow } from '../support/cases';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const sjzData: Actor = { userId: 'u-sjz-data-zhou', departmentId: 'sjz-data', roles: ['authority-reviewer'] };
const receivedAt = '2025-09-28T10:00:00+08:00';
const flow = 'cross-level-conditional-share';

/** The parties the API binds a Shijiazhuang department's request for a provincial entry with (api/case-binding.ts). */
const crossLevelParties = {
  requester: 'sjz-gaj',
  provider: 'hb-gat',
  authority: 'hb-data',
  government: 'hb-gov',
  upperAuthority: 'nda',
  relayAuthority: 'sjz-data',
};

function expectedDeadline(stepId: string, start: string) {
  const { period } = step(getPack('hebei-2023'), flow, stepId);
  return nationalCalendar.deadline({ start, n: period.n, unit: period.unit, jurisdiction: 'hebei' });
}

describe('Hebei draft art. 21: a Shijiazhuang department asks for the provincial public-security entry', () => {
  it('goes city authority (relay, local policy) → provincial authority (review, 3 WD from its receipt of the relay) → provider (5 WD) → provision (3 WD), each deadline computed and explained', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: crossLevelParties,
      catalogueEntryId: 'HB-GAT-0001',
      receivedAt,
      submittedBy: 'u-sjz-gaj-wu',
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);

      // Hop 1: the requester's own-level authority relays the request upward; its period is local policy.
      const relay = await openTask(handle, 'relay-upward');
      expect(relay).toMatchObject({ assigneeDepartmentId: 'sjz-data', assigneeRole: 'authority-reviewer', decisions: ['forward'] });
      const relayRow = await taskRow(db.db, relay.taskId);
      expect(relayRow.deadline).toEqual(expectedDeadline('relay-upward', receivedAt));
      expect(relayRow.deadline).toMatchObject({ n: 3, due: '2025-10-09' });
      expect(relayRow.citation).toMatchObject({ article: '征求意见稿第二十一条 (2022 draft art. 21)' });
      expect(relayRow.citation?.note).toContain('本地政策');
      expect(relayRow.citation?.note).toContain('征求意见稿');
      expect(relayRow.trigger).toMatchObject({ zh: '自收到申请之日起' });
      // The provincial authority cannot act on the city's hop.
      await expect(completeAs(handle, relay.taskId, people.hbData, 'forward')).rejects.toThrow();
      await completeAs(handle, relay.taskId, sjzData, 'forward');

      // Hop 2: the upper-level (provincial) authority reviews and forwards, art. 19's 3 WD from its receipt of the relay.
      const review = await openTask(handle, 'review-forward');
      expect(review).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer' });
      const relayedAt = await completedAtOf(db.db, relay.taskId);
      const reviewRow = await taskRow(db.db, review.taskId);
      expect(reviewRow.deadline).toEqual(expectedDeadline('review-forward', relayedAt));
      expect(reviewRow.deadline).toMatchObject({ n: 3 });
      expect(reviewRow.citation?.article).toBe('征求意见稿第十九条 (2022 draft art. 19)');
      expect(reviewRow.citation?.note).toContain('第二十一条');
      expect(reviewRow.trigger).toMatchObject({ zh: '自上一级政务数据主管部门收到本级主管部门转报的申请之日起' });
      await completeAs(handle, review.taskId, people.hbData, 'forward');

      // Hop 3: the provincial provider replies within 5 WD of the forwarding.
      const reply = await openTask(handle, 'provider-reply');
      expect(reply).toMatchObject({ assigneeDepartmentId: 'hb-gat', assigneeRole: 'provider' });
      const forwardedAt = await completedAtOf(db.db, review.taskId);
      expect((await taskRow(db.db, reply.taskId)).deadline).toEqual(expectedDeadline('provider-reply', forwardedAt));
      await completeAs(handle, reply.taskId, people.hbGat, 'agree');

      // The provincial authority provides the data within 3 WD of the agreeing reply.
      const provide = await openTask(handle, 'provide-data');
      expect(provide).toMatchObject({ assigneeDepartmentId: 'hb-data' });
      const agreedAt = await completedAtOf(db.db, reply.taskId);
      expect((await taskRow(db.db, provide.taskId)).deadline).toEqual(expectedDeadline('provide-data', agreedAt));
      await completeAs(handle, provide.taskId, people.hbData, 'provided');

      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'fulfilled', outcome: 'provided' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-relay-upward',
        'awaiting-review-forward',
        'awaiting-provider-reply',
        'awaiting-provide-data',
        'fulfilled',
      ]);
    });
    await db.close();
  });

  it('a same-level case (no relaying authority) takes the same-level flow as before', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: { requester: 'hb-mzt', provider: 'hb-gat', authority: 'hb-data', government: 'hb-gov', upperAuthority: 'nda' },
      catalogueEntryId: 'HB-GAT-0001',
      receivedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const review = await openTask(handle, 'review-forward');
      expect(review).toMatchObject({ assigneeDepartmentId: 'hb-data' });
      expect((await taskRow(db.db, review.taskId)).deadline).toMatchObject({ due: '2025-10-09' });
      await handle.terminate('enough');
    });
    await db.close();
  });
});
