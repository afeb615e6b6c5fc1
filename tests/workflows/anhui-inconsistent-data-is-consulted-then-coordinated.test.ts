import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { getPack, step } from '../../rules';
import { workflowTypes } from '../../workflows/messages';
import {
  anhuiParties,
  completeAs,
  completedAtOf,
  openTask,
  people,
  registerCase,
  requestExtensionAs,
  requestRow,
  startWorkflow,
  statusTrail,
  taskDeadline,
  taskRow,
  type RegisteredCase,
} from '../support/cases';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

/**
 * Anhui art. 27: data of the same category provided inconsistently by two departments. The department whose data is
 * named records the consultation; without a consensus the data resources authority coordinates with the competent
 * departments. The text gives no period for either (local policy, from the pack), so each deadline is computed here
 * from the pack's period and the event the step counts from.
 */
const env = useTimeSkipping();

const pack = getPack('anhui-2021');
const consultation = step(pack, 'data-inconsistency', 'consultation');
const coordination = step(pack, 'data-inconsistency', 'coordinate-decide');

async function raise(db: Db): Promise<RegisteredCase> {
  return registerCase(db, {
    process: 'data-inconsistency',
    pack: 'anhui-2021',
    jurisdiction: 'anhui',
    // ah-mzt raises it; ah-gat provides the other data of the same category.
    parties: anhuiParties('ah-mzt', 'ah-gat'),
    catalogueEntryId: 'AH-GAT-0001',
    receivedAt: new Date(await env().currentTimeMs()).toISOString(),
  });
}

describe('inconsistent data of the same category (Anhui art. 27)', () => {
  it('the department named records a consensus within its local-policy period from receipt, and the case is resolved', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await raise(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.dataInconsistency, input);
      const task = await openTask(handle, 'consultation');
      expect(task).toMatchObject({ assigneeDepartmentId: 'ah-gat', assigneeRole: 'provider', decisions: ['consensus', 'no-agreement'] });
      expect(consultation.periodBasis).toBe('policy');
      expect(await taskDeadline(db.db, task.taskId)).toEqual(
        nationalCalendar.deadline({ start: input.receivedAt, n: consultation.period.n, unit: consultation.period.unit, jurisdiction: 'anhui' }),
      );
      const row = await taskRow(db.db, task.taskId);
      expect(row.citation).toMatchObject({ article: '第27条 (art. 27)', zhBackTranslated: true });
      expect(row.citation?.note).toContain('本地政策');
      // The text gives no extension; only the other department acts.
      await expect(requestExtensionAs(handle, task.taskId, people.ahGat, 1)).rejects.toMatchObject({ cause: { type: 'ExtensionNotAllowed' } });
      await expect(completeAs(handle, task.taskId, people.ahMzt, 'consensus', '以公安数据为准')).rejects.toMatchObject({ cause: { type: 'WrongActor' } });
      await expect(completeAs(handle, task.taskId, people.ahGat, 'consensus')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, task.taskId, people.ahGat, 'consensus', '协商一致：以户籍底册为准，民政厅更新低保对象地址 the register prevails');
      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'consensus' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'resolved', outcome: 'consensus' });
    });
    await db.close();
  });

  it('without a consensus the authority coordinates, its period counted from the failed consultation', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await raise(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.dataInconsistency, input);
      const task = await openTask(handle, 'consultation');
      await env().sleep(3 * 86_400_000);
      await completeAs(handle, task.taskId, people.ahGat, 'no-agreement', '双方各以本部门登记为准，未能协商一致');
      const coordinate = await openTask(handle, 'coordinate-decide');
      expect(coordinate).toMatchObject({ assigneeDepartmentId: 'ah-data', assigneeRole: 'authority-reviewer', decisions: ['coordinated'] });
      expect(await taskDeadline(db.db, coordinate.taskId)).toEqual(
        nationalCalendar.deadline({
          start: await completedAtOf(db.db, task.taskId),
          n: coordination.period.n,
          unit: coordination.period.unit,
          jurisdiction: 'anhui',
        }),
      );
      await expect(completeAs(handle, coordinate.taskId, people.ahData, 'coordinated')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, coordinate.taskId, people.ahData, 'coordinated', '会同省公安厅、省民政厅协调：以户籍底册为准');
      expect(await handle.result()).toEqual({ status: 'resolved', decision: 'coordinated' });
      expect(await statusTrail(db.db, input.requestId)).toEqual(['awaiting-consultation', 'awaiting-coordinate-decide', 'resolved']);
    });
    await db.close();
  });
});
