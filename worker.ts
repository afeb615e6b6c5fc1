import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { fileURLToPath } from 'node:url';
import { createActivities, type ActivityDeps } from './activities';
import type { TemporalConfig } from './temporal.config';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow code, bundled once per process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
};

/** A worker for every process workflow and its activities. */
export async function createWorker(opts: {
  connection: NativeConnection;
  config: Pick<TemporalConfig, 'namespace' | 'taskQueue'>;
  deps: ActivityDeps;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.config.namespace,
    taskQueue: opts.config.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(opts.deps),
  });
}

/** The id of the schedule that runs the audit anchoring workflow (one per namespace and task queue). */
export const auditAnchorScheduleId = (taskQueue: string) => `audit-anchor:${taskQueue}`;

/**
 * Makes sure the schedule that anchors the audit trail exists (created once; a later start leaves it as it is, so a
 * changed interval is applied with `temporal schedule update`). A Temporal Schedule rather than a timer in the worker:
 * it lives on the server, so it survives every process's restart and fires once however many workers run, and its
 * overlap policy skips a run while the last one is still running (the anchoring also holds a database lock).
 */
export async function ensureAuditAnchorSchedule(client: Client, taskQueue: string, every: string = process.env.AUDIT_ANCHOR_EVERY ?? '10m'): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: auditAnchorScheduleId(taskQueue),
      spec: { intervals: [{ every: every as Duration }] },
      action: { type: 'startWorkflow', workflowType: 'auditAnchorWorkflow', taskQueue, workflowExecutionTimeout: '1 hour' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
