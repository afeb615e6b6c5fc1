import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { auditLog, catalogueEntries, negativeList, tasks } from '../../db/schema';
import { workflowTypes } from '../../workflows/messages';
import {
  anhuiParties,
  completeAs,
  completedAtOf,
  createCatalogueEntry,
  openTask,
  people,
  registerCase,
  requestRow,
  startWorkflow,
  statusTrail,
  taskDeadline,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const legalBasis = '《中华人民共和国反恐怖主义法》第四十八条 Counter-Terrorism Law art. 48';

async function entry(db: Db, id: string) {
  const [row] = await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, id));
  return row!;
}

async function listed(db: Db, id: string) {
  return db.select().from(negativeList).where(eq(negativeList.catalogueEntryId, id));
}

/** A negative-list application for an entry of the test's own. */
async function application(db: Db, pack: string, jurisdiction: string) {
  const hebei = jurisdiction === 'hebei';
  const own = await createCatalogueEntry(db, { provider: hebei ? 'hb-gat' : 'ah-gat', sharingAttribute: 'conditional' });
  const input = await registerCase(db, {
    process: 'negative-list',
    pack,
    jurisdiction,
    parties: hebei ? hebeiParties('hb-gat', 'hb-gat') : anhuiParties('ah-gat', 'ah-gat'),
    catalogueEntryId: own.id,
    receivedAt: new Date(await env().currentTimeMs()).toISOString(),
  });
  return { own, input: { ...input, legalBasis } };
}

describe('a negative-list application (Hebei draft art. 15)', () => {
  it('hebei-2023: reviewed, approved by the government, listed, filed with the upper authority; a share request for the entry is then refused with the citation', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const { own, input } = await application(db.db, 'hebei-2023', 'hebei');
    const share = await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.negativeList, input);
      const review = await openTask(handle, 'authority-review');
      expect(review).toMatchObject({ assigneeDepartmentId: 'hb-data', assigneeRole: 'authority-reviewer', decisions: ['approve', 'return'] });
      expect(await taskDeadline(db.db, review.taskId)).toEqual(
        nationalCalendar.deadline({ start: input.receivedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      await completeAs(handle, review.taskId, people.hbData, 'approve');

      const approval = await openTask(handle, 'government-approval');
      expect(approval).toMatchObject({ assigneeDepartmentId: 'hb-gov', assigneeRole: 'government-approver', decisions: ['approve', 'reject'] });
      expect(await taskDeadline(db.db, approval.taskId)).toEqual(
        nationalCalendar.deadline({ start: await completedAtOf(db.db, review.taskId), n: 20, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      // The authority's approval alone lists nothing.
      expect(await entry(db.db, own.id)).toMatchObject({ sharingAttribute: 'conditional', legalBasis: own.legalBasis });
      expect(await listed(db.db, own.id)).toEqual([]);
      await expect(completeAs(handle, approval.taskId, people.hbGov, 'reject')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, approval.taskId, people.hbGov, 'approve');

      const filing = await openTask(handle, 'record-filing');
      expect(filing).toMatchObject({ assigneeDepartmentId: 'nda', assigneeRole: 'authority-reviewer', decisions: ['filed'] });
      const approvedAt = await completedAtOf(db.db, approval.taskId);
      expect(await taskDeadline(db.db, filing.taskId)).toEqual(
        nationalCalendar.deadline({ start: approvedAt, n: 10, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      expect(await entry(db.db, own.id)).toMatchObject({ sharingAttribute: 'not-shared', legalBasis });
      const [row] = await listed(db.db, own.id);
      expect(row).toMatchObject({ requestId: input.requestId, legalBasis, approvedBy: 'u-gov-sun', filedAt: null });
      expect(row!.listedAt.toISOString()).toBe(approvedAt);
      await completeAs(handle, filing.taskId, people.nda, 'filed');

      expect(await handle.result()).toEqual({ status: 'filed', decision: 'filed' });
      const [filed] = await listed(db.db, own.id);
      expect(filed!.filedAt?.toISOString()).toBe(await completedAtOf(db.db, filing.taskId));
      expect(await statusTrail(db.db, input.requestId)).toEqual([
        'awaiting-authority-review',
        'awaiting-government-approval',
        'listed',
        'awaiting-record-filing',
        'filed',
      ]);

      const share = await registerCase(db.db, {
        process: 'share-request',
        pack: 'hebei-2023',
        jurisdiction: 'hebei',
        parties: hebeiParties('hb-mzt', 'hb-gat'),
        catalogueEntryId: own.id,
        receivedAt: new Date(await env().currentTimeMs()).toISOString(),
      });
      const refused = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, share);
      expect(await refused.result()).toEqual({ status: 'refused', decision: 'not-shared' });
      return share;
    });
    expect(await requestRow(db.db, share.requestId)).toMatchObject({ status: 'refused', outcome: 'not-shared' });
    expect(await db.db.select().from(tasks).where(eq(tasks.requestId, share.requestId))).toEqual([]);
    const [refusal] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.requestId, share.requestId), eq(auditLog.action, 'request.status-changed')))
      .orderBy(asc(auditLog.id));
    expect(refusal?.details).toMatchObject({
      status: 'refused',
      outcome: 'not-shared',
      citation: { negativeListCase: input.requestId, legalBasis },
    });
    const [listing] = await listed(db.db, own.id);
    expect((refusal?.details.citation as { listedAt: string }).listedAt).toBe(listing!.listedAt.toISOString());
    await db.close();
  });

  it("hebei-2023: the government rejects it with reasons: nothing is listed and the entry stays as it was", async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const { own, input } = await application(db.db, 'hebei-2023', 'hebei');
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.negativeList, input);
      const review = await openTask(handle, 'authority-review');
      await completeAs(handle, review.taskId, people.hbData, 'approve');
      const approval = await openTask(handle, 'government-approval');
      await completeAs(handle, approval.taskId, people.hbGov, 'reject', '可通过脱敏后有条件共享 can be shared on conditions once desensitised');
      expect(await handle.result()).toEqual({ status: 'rejected', decision: 'reject' });
    });
    expect(await requestRow(db.db, input.requestId)).toMatchObject({ status: 'rejected', outcome: 'reject' });
    expect(await entry(db.db, own.id)).toEqual(own);
    expect(await listed(db.db, own.id)).toEqual([]);
    expect(await statusTrail(db.db, input.requestId)).not.toContain('listed');
    await db.close();
  });

  it('hebei-2023: the authority returns the application with reasons: the case closes, nothing is listed', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const { own, input } = await application(db.db, 'hebei-2023', 'hebei');
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.negativeList, input);
      const review = await openTask(handle, 'authority-review');
      await expect(completeAs(handle, review.taskId, people.hbData, 'return')).rejects.toMatchObject({ cause: { type: 'ReasonRequired' } });
      await completeAs(handle, review.taskId, people.hbData, 'return', '法律依据不足 insufficient legal basis');
      expect((await handle.result()).decision).toBe('return');
    });
    expect(await requestRow(db.db, input.requestId)).toMatchObject({ outcome: 'return' });
    expect(await entry(db.db, own.id)).toEqual(own);
    expect(await listed(db.db, own.id)).toEqual([]);
    await db.close();
  });

  it("anhui-2021: the authority's approval alone lists the entry (art. 22 has no government approval or filing)", async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const { own, input } = await application(db.db, 'anhui-2021', 'anhui');
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.negativeList, input);
      const review = await openTask(handle, 'authority-review');
      expect(review).toMatchObject({ assigneeDepartmentId: 'ah-data' });
      await completeAs(handle, review.taskId, people.ahData, 'approve');
      expect(await handle.result()).toEqual({ status: 'approved', decision: 'approve' });
    });
    expect(await entry(db.db, own.id)).toMatchObject({ sharingAttribute: 'not-shared', legalBasis });
    expect(await listed(db.db, own.id)).toEqual([
      expect.objectContaining({ requestId: input.requestId, legalBasis, approvedBy: 'u-ah-data-xu', filedAt: null }),
    ]);
    expect(await statusTrail(db.db, input.requestId)).toEqual(['awaiting-authority-review', 'listed', 'approved']);
    await db.close();
  });
});
