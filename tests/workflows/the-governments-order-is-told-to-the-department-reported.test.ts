import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import { completeAs, eventually, openTask, people, registerCase, sleepUntil, startWorkflow, taskRow } from '../support/cases';
import { hebeiParties, nextFridayMorning } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The ladder reports a provider's overdue reply to the people's government, which then has a task of its own: to order
 * correction (Hebei draft art. 41). The government is told of that task and of what was reported; the department
 * whose step it was is told of the order, with its reasons and the step's deadline.
 */
describe("the people's government's order to correct", () => {
  it('is told to the government as its task, with the step reported, and to the department of that step once given', async () => {
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
      const reply = await openTask(handle, 'provider-reply');
      // The ladder runs its working days (overdue, 限期整改 and its time limit, 通报批评, the report) unheeded.
      for (let i = 0; i < 90; i++) {
        if ((await handle.query(caseStateQuery)).openTasks.some((t) => t.step === 'provider-reply.government-order')) break;
        await env().sleep(DAY / 2);
      }
      const order = await openTask(handle, 'provider-reply.government-order');
      const toGovernment = await eventually(() => db.db.select().from(notifications).where(eq(notifications.taskId, order.taskId)), (r) => r.length > 0, 'the government’s notice');
      expect(toGovernment).toHaveLength(1);
      expect(toGovernment[0]).toMatchObject({ recipientDepartmentId: 'hb-gov', recipientRole: 'government-approver', kind: 'task.assigned', requestId: input.requestId });
      expect(toGovernment[0]!.details).toMatchObject({
        responsibleDepartmentId: 'hb-gov',
        act: { kind: 'reported', departmentId: 'hb-rst', step: 'provider-reply', stepTitleZh: '答复是否同意共享' },
      });
      expect(toGovernment[0]!.details.textZh).toContain('“答复是否同意共享”（河北省人力资源和社会保障厅）逾期未整改，已于');

      await completeAs(handle, order.taskId, people.hbGov, 'order-correction', '限于三个工作日内作出答复');
      const told = await eventually(
        () => db.db.select().from(notifications).where(eq(notifications.id, `${order.taskId}/decided/hb-rst/provider`)),
        (r) => r.length > 0,
        'the order, told to the department',
      );
      const dueAt = (await taskRow(db.db, reply.taskId)).dueAt.toISOString();
      expect(told[0]).toMatchObject({ kind: 'case.decided', taskId: reply.taskId, recipientDepartmentId: 'hb-rst', recipientRole: 'provider' });
      expect(told[0]!.titleZh).toBe('答复是否同意共享：责令限期改正（共享申请《社会保险参保信息》）');
      expect(told[0]!.details).toMatchObject({
        dueAt,
        responsibleDepartmentId: 'hb-rst',
        act: { departmentId: 'hb-gov', decision: 'order-correction', decisionZh: '责令限期改正', decisionEn: 'Order correction within a time limit', reason: '限于三个工作日内作出答复' },
      });
      expect(told[0]!.details.textZh).toMatch(/^河北省人民政府于 .+ 就“答复是否同意共享”作出决定：责令限期改正，理由：限于三个工作日内作出答复。/);
      // Nobody else hears of the order: the requester is told when the reply it waits for comes.
      expect((await db.db.select().from(notifications).where(eq(notifications.requestId, input.requestId))).filter((n) => n.kind === 'case.decided')).toHaveLength(2);
    });
    await db.close();
  });
});
