/**
 * An extension may be asked for only while the period runs; asked in time it holds the ladder until it is decided;
 * its reasons are stored on the deciding task and in the record (item 11; security: extension reasons).
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { auditLog, escalations } from '../../db/schema';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import {
  acceptedUpdates,
  completeAs,
  createCatalogueEntry,
  eventually,
  openTask,
  people,
  registerCase,
  requestExtensionAs,
  sleepUntil,
  startWorkflow,
  taskDeadline,
  taskRow,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const DAY = 86_400_000;
const wd = (start: string, n: number) => Date.parse(nationalCalendar.deadline({ start, n, unit: 'working-days', jurisdiction: 'hebei' }).endsAt);
const firedOf = (db: Db, taskId: string) => db.select().from(escalations).where(eq(escalations.taskId, taskId));

describe('an extension request (item 11)', () => {
  async function verifyTask(db: Db, handle: Awaited<ReturnType<typeof startWorkflow>>) {
    const forward = await openTask(handle, 'forward-dispute');
    await completeAs(handle, forward.taskId, people.hbData, 'forward');
    const verify = await openTask(handle, 'verify-answer');
    return { verify, deadline: await taskDeadline(db, verify.taskId) };
  }
  async function dispute(db: Db) {
    return registerCase(db, {
      process: 'quality-dispute',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-gat'),
      catalogueEntryId: 'HB-GAT-0001',
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
  }

  it('asked in time holds the ladder until decided; its reasons are on the deciding task and in the record; a grant starts the ladder again on the new deadline', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await dispute(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const { verify, deadline } = await verifyTask(db.db, handle);
      // The reminder fires at 00:00 of the due day; the request comes in that afternoon, while the period still runs.
      await sleepUntil(env(), Date.parse(`${deadline.due}T15:00:00+08:00`));
      await eventually(() => firedOf(db.db, verify.taskId), (r) => r.length === 1, 'the reminder');
      const reason = '需核对三个市的户籍底册 three cities’ registers to check';
      const { decisionTaskId } = await requestExtensionAs(handle, verify.taskId, people.hbGat, 5, reason);

      const decision = await taskRow(db.db, decisionTaskId);
      expect(decision.extensionRequest).toMatchObject({ taskId: verify.taskId, n: 5, unit: 'working-days', reason, requestedBy: people.hbGat.userId });
      expect((decision.citation as { note?: string }).note).toContain('本地政策');
      const [opened] = await db.db.select().from(auditLog).where(and(eq(auditLog.taskId, decisionTaskId), eq(auditLog.action, 'task.opened')));
      expect(opened?.details).toMatchObject({ extensionRequest: { reason, n: 5 } });

      // The period ends while the authority decides: no overdue notice, nothing at all.
      await sleepUntil(env(), Date.parse(deadline.endsAt) + DAY);
      await handle.query(caseStateQuery);
      expect((await firedOf(db.db, verify.taskId)).map((e) => e.rung)).toEqual(['reminder']);
      expect((await taskRow(db.db, verify.taskId)).overdue).toBe(false);

      await completeAs(handle, decisionTaskId, people.hbData, 'grant');
      const extended = await eventually(() => taskDeadline(db.db, verify.taskId), (d) => d.due !== deadline.due, 'the extended deadline');
      expect(extended).toEqual(nationalCalendar.extend(deadline, 5));
      // The old deadline's ladder is overtaken: a fresh reminder for the new due day, then the overdue notice.
      await sleepUntil(env(), Date.parse(extended.endsAt) + 1000);
      const rows = await eventually(() => firedOf(db.db, verify.taskId), (r) => r.length === 3, 'the new round');
      expect(rows.map((e) => e.id).sort()).toEqual([`${verify.taskId}/overdue/1`, `${verify.taskId}/reminder`, `${verify.taskId}/reminder/1`]);
      expect(rows.find((e) => e.id.endsWith('/overdue/1'))!.scheduledAt.toISOString()).toBe(new Date(extended.endsAt).toISOString());
      await completeAs(handle, verify.taskId, people.hbGat, 'repaired', '已修复 repaired');
    });
    await db.close();
  });

  it('refused after the period ended: the overdue notice goes out at the refusal, and 限期整改 waits its 2 WD from that notice', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await dispute(db.db);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.qualityDispute, input);
      const { verify, deadline } = await verifyTask(db.db, handle);
      const { decisionTaskId } = await requestExtensionAs(handle, verify.taskId, people.hbGat, 5);
      await sleepUntil(env(), Date.parse(deadline.endsAt) + 3 * DAY);
      await handle.query(caseStateQuery);
      expect(await firedOf(db.db, verify.taskId)).toEqual([]);
      await completeAs(handle, decisionTaskId, people.hbData, 'refuse', '理由不足 not enough reason');
      const [overdue] = await eventually(() => firedOf(db.db, verify.taskId), (r) => r.length === 1, 'the overdue notice');
      expect(overdue!.rung).toBe('overdue');
      const rectAt = wd(overdue!.firedAt.toISOString(), 2);
      expect(rectAt).toBeGreaterThan(Date.parse(deadline.endsAt) + 3 * DAY);
      await sleepUntil(env(), rectAt - 1000);
      await handle.query(caseStateQuery);
      expect((await firedOf(db.db, verify.taskId)).map((e) => e.rung)).toEqual(['overdue']);
      await env().sleep(2000);
      const rows = await eventually(() => firedOf(db.db, verify.taskId), (r) => r.length === 2, 'the rectification notice');
      expect(rows.find((e) => e.rung === 'rectification')!.scheduledAt.getTime()).toBe(rectAt);
      await completeAs(handle, verify.taskId, people.hbGat, 'repaired', '已修复 repaired');
    });
    await db.close();
  });

  it('asked after the period ended is refused before it enters history (ExtensionTooLate)', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const own = await createCatalogueEntry(db.db, { provider: 'hb-scjgj', sharingAttribute: 'unconditional' });
    const input = await registerCase(db.db, {
      process: 'catalogue-change',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-scjgj', 'hb-scjgj'),
      catalogueEntryId: own.id,
      receivedAt: new Date((await env().currentTimeMs()) - 40 * DAY).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.catalogueChange, input);
      const submit = await openTask(handle, 'submit-update');
      await expect(requestExtensionAs(handle, submit.taskId, people.hbScjgj, 5)).rejects.toMatchObject({ cause: { type: 'ExtensionTooLate' } });
      expect(await acceptedUpdates(handle)).toBe(0);
      await completeAs(handle, submit.taskId, people.hbScjgj, 'submitted', undefined, { updateFrequency: '每月 monthly' });
    });
    await db.close();
  });
});
