/**
 * A backdated case's notices are spaced from when they really went out (item 7), and the authority's own overdue
 * step is internal oversight, not 限期整改 of itself (item 5).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { Db } from '../../db/client';
import { escalations, notifications } from '../../db/schema';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import {
  completeAs,
  eventually,
  openTask,
  people,
  registerCase,
  sleepUntil,
  startWorkflow,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const DAY = 86_400_000;
const wd = (start: string, n: number) => Date.parse(nationalCalendar.deadline({ start, n, unit: 'working-days', jurisdiction: 'hebei' }).endsAt);
const firedOf = (db: Db, taskId: string) => db.select().from(escalations).where(eq(escalations.taskId, taskId));

describe('a case registered weeks after it was received', () => {
  it('the authority’s own overdue review (draft art. 19): overdue at once to its supervisor, the report to the government 5 WD after that notice — no 限期整改 of itself', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-rst'),
      catalogueEntryId: 'HB-RST-0001',
      receivedAt: new Date((await env().currentTimeMs()) - 30 * DAY).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const review = await openTask(handle, 'review-forward');
      const [overdue] = await eventually(() => firedOf(db.db, review.taskId), (r) => r.length > 0, 'the overdue notice');
      expect(overdue!.rung).toBe('overdue');
      const inbox = await db.db.select().from(notifications).where(eq(notifications.escalationId, overdue!.id));
      expect(inbox.map((n) => `${n.recipientDepartmentId}:${n.recipientRole}`).sort()).toEqual(['hb-data:authority-reviewer', 'hb-data:authority-supervisor']);

      // Not back to back: the report waits 5 WD from the day the (late) overdue notice really went out.
      const reportAt = wd(overdue!.firedAt.toISOString(), 5);
      await sleepUntil(env(), reportAt - 1000);
      const state = await handle.query(caseStateQuery);
      expect((await firedOf(db.db, review.taskId)).map((e) => e.rung)).toEqual(['overdue']);
      // Its reminder came due after the deadline had passed: passed over, with why — not reported as sent.
      const open = state.openTasks.find((t) => t.taskId === review.taskId)!;
      expect(open.rungs).toEqual(['overdue']);
      expect(open.skippedRungs).toEqual([{ rung: 'reminder', at: expect.any(String), why: expect.objectContaining({ code: 'deadline-passed' }) }]);
      await env().sleep(2000);
      const rows = await eventually(() => firedOf(db.db, review.taskId), (r) => r.length === 2, 'the oversight report');
      const report = rows.find((e) => e.rung === 'oversight-report')!;
      expect(report.scheduledAt.getTime()).toBe(reportAt);
      expect(report.details).toMatchObject({ basis: 'policy' });
      const toGov = await db.db.select().from(notifications).where(eq(notifications.escalationId, report.id));
      expect(toGov.map((n) => `${n.recipientDepartmentId}:${n.recipientRole}`).sort()).toEqual(['hb-data:authority-supervisor', 'hb-gov:government-approver']);
      expect(toGov[0]!.titleZh).toContain('内部监督');

      // Nothing more: the authority is not sent a notice to rectify, nor criticised.
      await env().sleep(30 * DAY);
      expect((await firedOf(db.db, review.taskId)).map((e) => e.rung).sort()).toEqual(['overdue', 'oversight-report']);
      await completeAs(handle, review.taskId, people.hbData, 'forward');
    });
    await db.close();
  });
});

