import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { auditLog, escalations, notifications, type EscalationRung } from '../../db/schema';
import { dutyHolderOf, getPack, ladderFor, planLadder, step, type Rung } from '../../rules';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import {
  completeAs,
  completedAtOf,
  eventually,
  openTask,
  people,
  registerCase,
  sleepUntil,
  startWorkflow,
  taskDeadline,
  taskRow,
} from '../support/cases';
import { hebeiParties, nextFridayMorning } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const HOUR = 3600_000;

describe("the escalation ladder of a provider's overdue reply, for a case received in the future of the test clock", () => {
  it('fires reminder, overdue, 限期整改, 通报批评 (draft art. 39) and the report to the government (art. 41) each at its instant and not a second before, to the right recipients, then gives the government its order to correct as a task', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const receivedAt = nextFridayMorning(await env().currentTimeMs());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-rst'),
      catalogueEntryId: 'HB-RST-0001',
      receivedAt,
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const review = await openTask(handle, 'review-forward');
      await sleepUntil(env(), Date.parse(receivedAt) + HOUR);
      await completeAs(handle, review.taskId, people.hbData, 'forward');
      expect(await db.db.select().from(escalations).where(eq(escalations.taskId, review.taskId))).toEqual([]);

      const reply = await openTask(handle, 'provider-reply');
      const deadline = await taskDeadline(db.db, reply.taskId);
      expect(deadline).toEqual(
        nationalCalendar.deadline({ start: await completedAtOf(db.db, review.taskId), n: 5, unit: 'working-days', jurisdiction: 'hebei' }),
      );
      const pack = getPack('hebei-2023');
      const rule = step(pack, 'conditional-share', 'provider-reply');
      const rungs = ladderFor(pack.policy.escalation, { holder: dutyHolderOf(rule.actor), periodBasis: rule.periodBasis });
      const provider = 'hb-rst:provider';
      const supervisor = 'hb-data:authority-supervisor';
      // Draft art. 39: 督促整改, 通报批评; art. 41: the government orders correction. Recipients by rung:
      const ladder: Array<{ rung: EscalationRung; basis: string; recipients: string[] }> = [
        { rung: 'reminder', basis: 'policy', recipients: [provider] },
        { rung: 'overdue', basis: 'policy', recipients: [supervisor, provider] },
        { rung: 'rectification', basis: 'draft', recipients: [supervisor, provider] },
        { rung: 'circular-criticism', basis: 'draft', recipients: [supervisor, provider] },
        { rung: 'government-report', basis: 'draft', recipients: [supervisor, 'hb-gov:government-approver', provider] },
      ];
      expect(rungs.map((r) => r.rung)).toEqual(ladder.map((r) => r.rung));
      // In the order they went out (a select without ORDER BY returns rows in whatever order Postgres has them).
      const fired = async () =>
        (await db.db.select().from(escalations).where(eq(escalations.taskId, reply.taskId))).sort(
          (a, b) => a.firedAt.getTime() - b.firedAt.getTime() || ladder.findIndex((r) => r.rung === a.rung) - ladder.findIndex((r) => r.rung === b.rung),
        );
      const firedAt: Partial<Record<Rung, string>> = {};

      for (const [i, { rung, basis, recipients }] of ladder.entries()) {
        // Each rung's instant from the ones that really fired before it (rules/ladder.ts).
        const at = planLadder(rungs, deadline, firedAt, nationalCalendar).find((r) => r.rung === rung)!.at;
        const atMs = Date.parse(at);
        if (i === 0) expect(at).toBe(new Date(`${deadline.due}T00:00:00+08:00`).toISOString());
        if (i === 1) expect(at).toBe(new Date(deadline.endsAt).toISOString());
        if (atMs - 1000 > (await env().currentTimeMs())) {
          await sleepUntil(env(), atMs - 1000);
          await handle.query(caseStateQuery);
          expect((await fired()).map((e) => e.rung)).toEqual(ladder.slice(0, i).map((r) => r.rung));
          await env().sleep(2000);
        }
        // 通报批评 and the report follow the same unheeded time limit: the report goes out right after the criticism.
        const rows = await eventually(fired, (r) => r.some((e) => e.rung === rung), `the ${rung} rung`);
        const row = rows.find((e) => e.rung === rung)!;
        firedAt[rung] = row.firedAt.toISOString();
        expect(row.scheduledAt.getTime()).toBe(atMs);
        expect(row.firedAt.getTime()).toBeGreaterThanOrEqual(atMs);
        expect(row.firedAt.getTime()).toBeLessThan(atMs + 2000);
        expect(row.responsibleDepartmentId).toBe('hb-rst');
        expect(row.details).toMatchObject({ basis, stepTitleZh: '答复是否同意共享', dueAt: deadline.endsAt });

        const inbox = await db.db.select().from(notifications).where(eq(notifications.escalationId, row.id));
        expect(inbox.map((n) => `${n.recipientDepartmentId}:${n.recipientRole}`).sort()).toEqual(recipients);
        expect(inbox.every((n) => n.kind === `escalation.${rung}` && n.taskId === reply.taskId)).toBe(true);
        expect(inbox.every((n) => n.titleZh.endsWith('：答复是否同意共享'))).toBe(true);

        const task = await taskRow(db.db, reply.taskId);
        expect(task.status).toBe('open');
        expect(task.overdue).toBe(rung !== 'reminder');
        expect(task.rung).toEqual(rung === 'reminder' ? null : rung === 'circular-criticism' ? expect.stringMatching(/^(circular-criticism|government-report)$/) : rung);
        const state = await handle.query(caseStateQuery);
        expect(state.status).toBe('awaiting-provider-reply');
        expect(state.openTasks.find((t) => t.taskId === reply.taskId)?.rungs.slice(0, i + 1)).toEqual(ladder.slice(0, i + 1).map((r) => r.rung));
      }
      // The report went to the government: it now has its own task, to order correction (art. 41).
      const order = await openTask(handle, 'provider-reply.government-order');
      expect(order).toMatchObject({ assigneeDepartmentId: 'hb-gov', assigneeRole: 'government-approver', decisions: ['order-correction'] });
      expect((await taskRow(db.db, order.taskId)).citation).toMatchObject({ article: '征求意见稿第四十一条 (2022 draft art. 41)' });

      // The ladder ends with the report: a month later nothing more has fired and the task still waits for its provider.
      await env().sleep(30 * 24 * HOUR);
      expect(await fired()).toHaveLength(5);
      expect((await taskRow(db.db, reply.taskId)).status).toBe('open');

      await completeAs(handle, reply.taskId, people.hbRst, 'agree');
      // Corrected before the government ordered it: its order task is cancelled, not left hanging.
      expect((await eventually(() => taskRow(db.db, order.taskId), (t) => t.status !== 'open', 'the order task closed')).status).toBe('cancelled');
      const [completed] = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.taskId, reply.taskId), eq(auditLog.action, 'task.completed')));
      expect(completed?.details).toMatchObject({ decision: 'agree', late: true });
      const provide = await openTask(handle, 'provide-data');
      await completeAs(handle, provide.taskId, people.hbData, 'provided');
      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'provided' });
    });
    await db.close();
  });
});
