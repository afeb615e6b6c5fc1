import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities';
import { CalendarStore } from '../../db/calendar-store';
import { connectDb, type DbHandle } from '../../db/client';
import { caseStateQuery, type OpenTaskView } from '../../workflows/messages';
import { searchAttributes } from '../../workflows/search-attributes';
import { workflowBundle } from '../../worker';

/** The Java time-skipping test server, with the project's search attributes registered. */
export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  const env = await withRetries(() =>
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: inject('timeSkippingServer') } } }),
  );
  const attributes = Object.fromEntries(
    Object.values(searchAttributes).map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!]),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes: attributes });
  return env;
}

/** The SDK allows the JVM 5 s to listen, which a machine busy with the rest of the suite sometimes misses. */
async function withRetries<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (error) {
      if (i >= attempts) throw error;
    }
  }
}

/** A worker with the real activities over the suite's Postgres, on a task queue of its own. */
export async function createTestWorker(
  env: TestWorkflowEnvironment,
  options: Pick<ActivityDeps, 'webhooks'> = {},
): Promise<{ worker: Worker; taskQueue: string; db: DbHandle }> {
  const db = connectDb(inject('databaseUrl'), { max: 3 });
  const calendar = new CalendarStore(db.db);
  const taskQueue = `ts-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ db: db.db, calendar: () => calendar.current(), ...options }),
  });
  return { worker, taskQueue, db };
}

/** Polls a case until its workflow has opened a task (activities run in real time, even on the time-skipping server). */
export async function firstOpenTask(handle: WorkflowHandle): Promise<OpenTaskView> {
  for (let i = 0; i < 200; i++) {
    const [open] = (await handle.query(caseStateQuery)).openTasks;
    if (open) return open;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no open task in ${handle.workflowId}`);
}

/**
 * A client that leaves time alone. The environment's own client unlocks time skipping while it awaits a result, and
 * an idle test server then jumps years ahead; tests skip time only through `env.sleep`.
 */
export function steadyClient(env: TestWorkflowEnvironment): Client {
  return new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
}
