/**
 * A status change is recorded once when the worker dies after its write committed and before its workflow task
 * completed (the topology fault test's 511 rows where 508 were due, docs/RELIABILITY.md). Here the "death" is a workflow
 * task failed right after the status write's local activity returned (tests/support/workflow-faults/): Temporal runs the
 * task again at a later workflow time, the write runs again, and the audit trail must still have one row per change.
 */
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import type { RequestStatusChange } from '../../activities/requests';
import { CalendarStore } from '../../db/calendar-store';
import { connectDb } from '../../db/client';
import { workflowsPath } from '../../worker';
import { workflowTypes } from '../../workflows/messages';
import { completeAs, openTask, people, registerCase, startWorkflow, statusTrail } from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();
const dies = fileURLToPath(new URL('../support/workflow-faults/dies-after-a-status-write.ts', import.meta.url));
const missing = '未说明应用场景所依据的职责 the duty behind the scenario is not stated';

describe('a status change whose worker dies after the write', () => {
  it('is recorded once, though its write ran twice at two workflow times', async () => {
    const db = connectDb(inject('databaseUrl'), { max: 3 });
    const calendar = new CalendarStore(db.db);
    const real = createActivities({ db: db.db, calendar: () => calendar.current() });
    const writes: RequestStatusChange[] = [];
    const activities = {
      ...real,
      async setRequestStatus(change: RequestStatusChange) {
        // A change's first run (not the same status as the write before): it commits, then its worker dies.
        const firstRun = writes.at(-1)?.status !== change.status;
        writes.push(change);
        const written = await real.setRequestStatus(change);
        if (firstRun) {
          // Real time passes before the task runs again, as it does while the server notices a worker is gone.
          await new Promise((r) => setTimeout(r, 50));
          return { ...written, dieNow: true };
        }
        return written;
      },
    };
    const taskQueue = `ts-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env().nativeConnection,
      namespace: env().namespace ?? 'default',
      taskQueue,
      workflowBundle: await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: [dies], logger: silent }),
      activities,
    });
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-wsjkw'),
      catalogueEntryId: 'HB-WSJKW-0001',
      receivedAt: new Date(await env().currentTimeMs()).toISOString(),
    });
    try {
      await worker.runUntil(async () => {
        const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
        const first = await openTask(handle, 'review-forward');
        await completeAs(handle, first.taskId, people.hbData, 'return-incomplete', missing);
        const completion = await openTask(handle, 'complete-request');
        await completeAs(handle, completion.taskId, people.hbMzt, 'resubmit', undefined, { scenario: '出生登记联办 birth registration' });
        await openTask(handle, 'review-forward');
      });
      // The fault happened as it does in production: each change was written twice, the second time later.
      expect(writes.map((w) => w.status)).toEqual([
        'awaiting-review-forward',
        'awaiting-review-forward',
        'awaiting-complete-request',
        'awaiting-complete-request',
        'awaiting-review-forward',
        'awaiting-review-forward',
      ]);
      for (const i of [0, 2, 4]) expect(Date.parse(writes[i + 1]!.at)).toBeGreaterThan(Date.parse(writes[i]!.at));
      // What stays the same across the rerun: the change's number in the case.
      expect(writes.map((w) => w.changeNo)).toEqual([1, 1, 2, 2, 3, 3]);
      // …and the trail has one row per change; a return to an earlier status is a change of its own.
      expect(await statusTrail(db.db, input.requestId)).toEqual(['awaiting-review-forward', 'awaiting-complete-request', 'awaiting-review-forward']);
    } finally {
      await db.close();
    }
  });
});

const silent = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error };
