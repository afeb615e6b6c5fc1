import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { getPack, step } from '../../rules';
import { workflowTypes } from '../../workflows/messages';
import {
  anhuiParties,
  completeAs,
  eventually,
  openTask,
  people,
  registerCase,
  requestExtensionAs,
  taskDeadline,
  taskRow,
  startWorkflow,
} from '../support/cases';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

/**
 * Anhui art. 26 para. 2, first clause: a review applied for to the providing department directly. It verifies and
 * answers within 7 WD of its own receipt, and an extension (at most 7 WD) is agreed by the providing department — not
 * by the platform's organisation, as on the platform route.
 */
const env = useTimeSkipping();

const verify = step(getPack('anhui-2021'), 'quality-dispute-direct', 'verify-answer');

describe('a review applied for to the provider directly (Anhui art. 26)', () => {
  it('runs 7 WD from the provider’s receipt; the provider itself agrees an extension of at most 7 WD', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const registered = await registerCase(db.db, {
      process: 'quality-dispute',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-mzt', 'ah-gat'),
      catalogueEntryId: 'AH-GAT-0001',
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
    const input = { ...registered, route: 'direct' as const };
    expect(verify).toMatchObject({ period: { n: 7, unit: 'working-days' }, periodBasis: 'law', extension: { max: { n: 7 }, approvedBy: 'provider' } });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const task = await openTask(handle, 'verify-answer');
      expect(task).toMatchObject({ assigneeDepartmentId: 'ah-gat', assigneeRole: 'provider' });
      const original = await taskDeadline(db.db, task.taskId);
      expect(original).toEqual(nationalCalendar.deadline({ start: input.receivedAt, n: 7, unit: 'working-days', jurisdiction: 'anhui' }));
      const row = await taskRow(db.db, task.taskId);
      expect(row.citation).toMatchObject({ article: '第26条 (art. 26)' });
      expect(row.citation?.textZh).toContain('申请人向数据提供部门申请复核的');
      expect(row.trigger).toMatchObject({ zh: '自数据提供部门收到复核申请之日起' });

      await expect(requestExtensionAs(handle, task.taskId, people.ahGat, 8)).rejects.toMatchObject({ cause: { type: 'ExtensionOverLimit' } });
      const { decisionTaskId } = await requestExtensionAs(handle, task.taskId, people.ahGat, 7);
      const decision = await taskRow(db.db, decisionTaskId);
      expect(decision).toMatchObject({ assigneeDepartmentId: 'ah-gat', assigneeRole: 'provider' });
      // The platform's organisation (the authority) does not decide it on this route.
      await expect(completeAs(handle, decisionTaskId, people.ahData, 'grant')).rejects.toMatchObject({ cause: { type: 'WrongActor' } });
      await completeAs(handle, decisionTaskId, people.ahGat, 'grant');
      const extended = await eventually(() => taskDeadline(db.db, task.taskId), (d) => d.due !== original.due, 'the extended deadline');
      expect(extended).toEqual(nationalCalendar.extend(original, 7));

      await completeAs(handle, task.taskId, people.ahGat, 'repaired', '已核实并更正住址字段');
      const response = await openTask(handle, 'requester-response');
      await completeAs(handle, response.taskId, people.ahMzt, 'accept');
      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'accept' });
    });
    await db.close();
  });
});
