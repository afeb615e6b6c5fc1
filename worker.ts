/**
 * The worker process (`npm run worker`): polls the task queue with every process workflow and its activities, and runs
 * the reconciler that starts the workflow of any committed case that has none. Needs DATABASE_URL and
 * TEMPORAL_ADDRESS; starts nothing else and does not migrate (`npm run db:migrate`). Also a module: `npm start` and the
 * tests build their workers with {@link createWorker} and {@link startWorkerProcess}.
 */
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActivities, type ActivityDeps } from './activities';
import { startReconciler, type ReconcileOptions, type RunningReconciler } from './case-start/reconciler';
import { CalendarStore } from './db/calendar-store';
import { connectDb, type Db } from './db/client';
import { PackStore } from './db/pack-store';
import { connectionOptions, loadTemporalConfig, type TemporalConfig } from './temporal.config';

/** The workflows' entry module, which the bundler starts from. */
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

/**
 * `TEMPORAL_METRICS_BIND`: `host:port` (@default 127.0.0.1:9464), or `off` for no SDK metrics endpoint.
 * Thrown when it is neither, naming it, before anything starts.
 */
export function temporalMetricsBind(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return '127.0.0.1:9464';
  if (value === 'off') return undefined;
  if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/.test(value)) throw new Error(`TEMPORAL_METRICS_BIND must be host:port or off, not ${JSON.stringify(value)}`);
  return value;
}

/**
 * The SDK's workflow and activity metrics (durations in seconds) on {@link temporalMetricsBind}, which an API's
 * `/metrics` appends when `TEMPORAL_METRICS_URL` points there; sets that default for an API in the same process.
 */
export function installRuntimeMetrics(): void {
  const bind = temporalMetricsBind(process.env.TEMPORAL_METRICS_BIND);
  if (!bind) return;
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: bind, useSecondsForDurations: true } } } });
  process.env.TEMPORAL_METRICS_URL ??= `http://${bind}/metrics`;
}

/** A running worker process's parts: the worker and the reconciler. */
export interface WorkerProcess {
  worker: Worker;
  reconciler: RunningReconciler;
  /** Resolves when the worker has stopped (on `stop()`, or on SIGINT/SIGTERM, which the SDK handles itself). */
  running: Promise<void>;
  /** Stops the reconciler after its pass under way, then the worker. */
  stop(): Promise<void>;
}

/** Starts the worker and the reconciler on `connection` (which stays the caller's to close). */
export async function startWorkerProcess(opts: {
  connection: NativeConnection;
  config: Pick<TemporalConfig, 'namespace' | 'taskQueue'>;
  db: Db;
  reconcile?: ReconcileOptions & { everyMs?: number };
}): Promise<WorkerProcess> {
  const calendar = new CalendarStore(opts.db);
  const worker = await createWorker({ connection: opts.connection, config: opts.config, deps: { db: opts.db, calendar: () => calendar.current() } });
  const running = worker.run();
  const reconciler = startReconciler(
    { db: opts.db, temporal: new Client({ connection: opts.connection, namespace: opts.config.namespace }), taskQueue: opts.config.taskQueue, packs: new PackStore(opts.db, 1000) },
    opts.reconcile,
  );
  return {
    worker,
    reconciler,
    running,
    async stop() {
      await reconciler.stop();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
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

async function main(): Promise<void> {
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS']) {
    if (!process.env[name]) throw new Error(`${name} must be set to run the worker (npm start runs everything on embedded defaults)`);
  }
  installRuntimeMetrics();
  const config = loadTemporalConfig();
  const { db, close } = connectDb(process.env.DATABASE_URL!);
  const connection = await NativeConnection.connect(connectionOptions(config));
  const part = await startWorkerProcess({ connection, config, db });
  await ensureAuditAnchorSchedule(new Client({ connection, namespace: config.namespace }), config.taskQueue);
  console.log(`Worker polling ${config.taskQueue} on ${config.address} (${config.namespace}) — Ctrl-C stops it`);
  // The SDK stops the worker on SIGINT/SIGTERM; then the rest is closed in order.
  await part.running;
  await part.stop();
  await connection.close();
  await close();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
