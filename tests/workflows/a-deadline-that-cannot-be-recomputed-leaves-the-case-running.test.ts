import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createActivities } from '../../activities';
import { OutOfRangeError, type Calendar } from '../../calendar';
import { CalendarStore } from '../../db/calendar-store';
import { connectDb } from '../../db/client';
import { tasks } from '../../db/schema';
import { workflowBundle } from '../../worker';
import { calendarRepublishedSignal, workflowTypes } from '../../workflows/messages';
import { completeAs, people } from '../support/cases';
import { registerShareRequest } from '../support/fixtures';
import { firstOpenTask, steadyClient } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

/**
 * A calendar in which an open deadline cannot be counted (a keeper's mistake pushing it past the years the calendar
 * covers) once failed every case it reached, for good. Now the deadline stays as it was and the case carries on.
 */
const env = useTimeSkipping('after-all');

describe('a calendar republished so that an open deadline cannot be counted', () => {
  it('leaves that deadline as it was and the case running; the task can still be decided', async () => {
    const db = connectDb(inject('databaseUrl'), { max: 3 });
    const store = new CalendarStore(db.db);
    let broken = false;
    // The calendar after the bad publication: counting any deadline fails, as beyond 2035 it does.
    const calendar = async (): Promise<Calendar> => {
      const real = await store.current();
      if (!broken) return real;
      return new Proxy(real, {
        get: (target, key, receiver) =>
          key === 'deadline'
            ? () => {
                throw new OutOfRangeError('n', 10, '2015-01-01', '2035-12-31');
              }
            : Reflect.get(target, key, receiver),
      });
    };
    const taskQueue = `ts-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env().nativeConnection,
      namespace: env().namespace ?? 'default',
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ db: db.db, calendar }),
    });
    const input = await registerShareRequest(db.db, new Date(await env().currentTimeMs()).toISOString());
    await worker.runUntil(async () => {
      const handle = await steadyClient(env()).workflow.start(workflowTypes.shareRequest, { taskQueue, workflowId: input.workflowId, args: [input] });
      const open = await firstOpenTask(handle);
      const [before] = await db.db.select().from(tasks).where(eq(tasks.id, open.taskId));

      broken = true;
      await handle.signal(calendarRepublishedSignal, { year: new Date(before!.dueAt).getUTCFullYear() });
      // The calendar's refusal is final (not retried): before, it failed the workflow at once.
      await new Promise((r) => setTimeout(r, 3_000));
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const [after] = await db.db.select().from(tasks).where(eq(tasks.id, open.taskId));
      expect(after!.dueAt.toISOString()).toBe(before!.dueAt.toISOString());

      broken = false;
      await completeAs(handle, open.taskId, people.hbData, 'provided');
      expect(await handle.result()).toMatchObject({ status: 'fulfilled' });
    });
    await db.close();
  });
});
