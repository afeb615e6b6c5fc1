import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { auditLog, catalogueEntries } from '../../db/schema';
import { workflowTypes } from '../../workflows/messages';
import {
  anhuiParties,
  completeAs,
  completedAtOf,
  createCatalogueEntry,
  openTask,
  people,
  registerCase,
  requestExtensionAs,
  requestRow,
  startWorkflow,
  statusTrail,
  taskDeadline,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const DAY = 24 * 3600_000;

async function entry(db: Db, id: string) {
  const [row] = await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, id));
  return row!;
}

async function changeAudit(db: Db, requestId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.requestId, requestId), eq(auditLog.action, 'catalogue.changed')));
}

describe('a catalogue change', () => {
  it('hebei-2023: submitted with the changed fields within 10 WD of the change, approved: the entry changes (its sharing attribute does not)', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const own = await createCatalogueEntry(db.db, { provider: 'hb-scjgj', sharingAttribute: 'unconditional' });
    const changedAt = new Date(await env().currentTimeMs()).toISOString();
    const input = await registerCase(db.db, {
      process: 'catalogue-change',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-scjgj', 'hb-scjgj'),
      catalogueEntryId: own.id,
      receivedAt: changedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.catalogueChange, input);
      const submit = await openTask(handle, 'submit-update');
      expect(submit).toMatchObject({ assigneeDepartmentId: 'hb-scjgj', assigneeRole: 'provider', decisions: ['submitted'] });
      expect(await taskDeadline(db.db, submit.taskId)).toEqual(
        nationalCalendar.deadline({ start: changedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      // The sharing attribute is not the update's to change (the negative list is), nor is a value other than text:
      // refused before the decision enters history, naming the field.
      await expect(
        completeAs(handle, submit.taskId, people.hbScjgj, 'submitted', undefined, { scopeOfUse: '全省', sharingAttribute: 'not-shared' }),
      ).rejects.toMatchObject({ cause: { type: 'InvalidPayload', details: ['body.payload.sharingAttribute'] } });
      await expect(completeAs(handle, submit.taskId, people.hbScjgj, 'submitted', undefined, { securityLevel: 3 })).rejects.toMatchObject({
        cause: { type: 'InvalidPayload', details: ['body.payload.securityLevel'] },
      });
      await completeAs(handle, submit.taskId, people.hbScjgj, 'submitted', undefined, {
        scopeOfUse: '全省政务部门及市县 provincial and local departments',
        updateFrequency: '每小时 hourly',
      });

      const review = await openTask(handle, 'review-update');
      expect(review).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer', decisions: ['approve', 'return'] });
      const submittedAt = await completedAtOf(db.db, submit.taskId);
      expect(await taskDeadline(db.db, review.taskId)).toEqual(
        nationalCalendar.deadline({ start: submittedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      // Nothing changes before approval.
      expect(await entry(db.db, own.id)).toMatchObject({ scopeOfUse: own.scopeOfUse, updateFrequency: own.updateFrequency });
      await completeAs(handle, review.taskId, people.hbData, 'approve');

      expect(await handle.result()).toEqual({ status: 'approved', decision: 'approve' });
      expect(await entry(db.db, own.id)).toMatchObject({
        scopeOfUse: '全省政务部门及市县 provincial and local departments',
        updateFrequency: '每小时 hourly',
        sharingAttribute: 'unconditional',
        securityLevel: own.securityLevel,
      });
      const [changed] = await changeAudit(db.db, input.requestId);
      expect(changed?.details).toEqual({
        entryId: own.id,
        changes: { scopeOfUse: '全省政务部门及市县 provincial and local departments', updateFrequency: '每小时 hourly' },
      });
      expect(await statusTrail(db.db, input.requestId)).toEqual(['awaiting-submit-update', 'awaiting-review-update', 'approved']);
    });
    await db.close();
  });

  it('hebei-2023: returned for correction with reasons, corrected and resubmitted; the review restarts on receipt and approval applies the corrected fields', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const own = await createCatalogueEntry(db.db, { provider: 'hb-scjgj', sharingAttribute: 'unconditional' });
    const input = await registerCase(db.db, {
      process: 'catalogue-change',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-scjgj', 'hb-scjgj'),
      catalogueEntryId: own.id,
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.catalogueChange, input);
      const submit = await openTask(handle, 'submit-update');
      await completeAs(handle, submit.taskId, people.hbScjgj, 'submitted', undefined, { scopeOfUse: '初稿 first draft', dataFormat: 'CSV' });
      const review = await openTask(handle, 'review-update');
      await expect(completeAs(handle, review.taskId, people.hbData, 'return')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, review.taskId, people.hbData, 'return', '使用范围未列明依据 scope lacks its basis');

      const correct = await openTask(handle, 'correct-update');
      expect(correct).toMatchObject({ assigneeDepartmentId: 'hb-scjgj', assigneeRole: 'provider', decisions: ['resubmit'] });
      const returnedAt = await completedAtOf(db.db, review.taskId);
      expect(await taskDeadline(db.db, correct.taskId)).toEqual(
        nationalCalendar.deadline({ start: returnedAt, n: 5, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await env().sleep(4 * DAY);
      await completeAs(handle, correct.taskId, people.hbScjgj, 'resubmit', undefined, {
        scopeOfUse: '依《市场主体登记管理条例》全省共享 shared province-wide by the registration regulation',
        dataFormat: 'API',
      });

      const again = await openTask(handle, 'review-update');
      expect(again.taskId).toBe(`${input.requestId}/review-update/2`);
      const resubmittedAt = await completedAtOf(db.db, correct.taskId);
      expect(await taskDeadline(db.db, again.taskId)).toEqual(
        nationalCalendar.deadline({ start: resubmittedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await completeAs(handle, again.taskId, people.hbData, 'approve');

      expect(await handle.result()).toEqual({ status: 'approved', decision: 'approve' });
      expect(await entry(db.db, own.id)).toMatchObject({
        scopeOfUse: '依《市场主体登记管理条例》全省共享 shared province-wide by the registration regulation',
        dataFormat: 'API',
      });
      expect(await changeAudit(db.db, input.requestId)).toHaveLength(1);
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-submit-update',
        'awaiting-review-update',
        'awaiting-correct-update',
        'awaiting-review-update',
        'approved',
      ]);
    });
    await db.close();
  });

  it('anhui-2021: updated within 10 WD, then reported within 3 WD (art. 15), reviewed and approved; no extension exists', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const own = await createCatalogueEntry(db.db, { provider: 'ah-mzt', sharingAttribute: 'conditional' });
    const changedAt = new Date(await env().currentTimeMs()).toISOString();
    const input = await registerCase(db.db, {
      process: 'catalogue-change',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-mzt', 'ah-mzt'),
      catalogueEntryId: own.id,
      receivedAt: changedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.catalogueChange, input);
      const update = await openTask(handle, 'submit-update');
      expect(update).toMatchObject({ assigneeDepartmentId: 'ah-mzt', decisions: ['updated'] });
      expect(await taskDeadline(db.db, update.taskId)).toEqual(
        nationalCalendar.deadline({ start: changedAt, n: 10, unit: 'working-days', jurisdiction: 'anhui' }),
      );
      await expect(requestExtensionAs(handle, update.taskId, people.ahMzt, 3)).rejects.toMatchObject({ cause: { type: 'ExtensionNotAllowed' } });
      await completeAs(handle, update.taskId, people.ahMzt, 'updated', undefined, { conditions: '仅限社会救助核验 social assistance checks only' });

      const report = await openTask(handle, 'report-update');
      expect(report).toMatchObject({ assigneeDepartmentId: 'ah-mzt', assigneeRole: 'provider', decisions: ['reported'] });
      const updatedAt = await completedAtOf(db.db, update.taskId);
      expect(await taskDeadline(db.db, report.taskId)).toEqual(
        nationalCalendar.deadline({ start: updatedAt, n: 3, unit: 'working-days', jurisdiction: 'anhui' }),
      );
      await env().sleep(2 * DAY);
      await completeAs(handle, report.taskId, people.ahMzt, 'reported');

      const review = await openTask(handle, 'review-update');
      expect(review).toMatchObject({ assigneeDepartmentId: 'ah-data', assigneeRole: 'authority-reviewer' });
      const reportedAt = await completedAtOf(db.db, report.taskId);
      expect(await taskDeadline(db.db, review.taskId)).toEqual(
        nationalCalendar.deadline({ start: reportedAt, n: 10, unit: 'working-days', jurisdiction: 'anhui' }),
      );
      await completeAs(handle, review.taskId, people.ahData, 'approve');

      expect(await handle.result()).toEqual({ status: 'approved', decision: 'approve' });
      expect(await entry(db.db, own.id)).toMatchObject({ conditions: '仅限社会救助核验 social assistance checks only', sharingAttribute: 'conditional' });
      expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'approved', outcome: 'approve' });
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-submit-update',
        'awaiting-report-update',
        'awaiting-review-update',
        'approved',
      ]);
    });
    await db.close();
  });
});
