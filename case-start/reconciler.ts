/**
 * The reconciler: starts the workflow of every committed case that has none. The API commits a case and then starts
 * its workflow; if the API dies in between, or Temporal cannot be reached, the case is kept but nothing runs its
 * deadline. The worker process runs this at start-up and then periodically; several may run at once (one per worker),
 * since the workflow id is derived from the case and Temporal starts an id once.
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { and, asc, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit';
import type { Db } from '../db/client';
import type { PackStore } from '../db/pack-store';
import { requests } from '../db/schema';
import { markWorkflowStarted, startCommittedCase, storedCaseInput, workflowStartWaitMsFromEnv, type CommittedCase } from './start';

/** What the reconciler needs: the read model, a Temporal client, the task queue its cases run on, and the packs. */
export interface ReconcilerDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  packs: PackStore;
  /** @default console */
  log?: Pick<Console, 'log' | 'warn'>;
}

/** How the reconciler looks for cases. */
export interface ReconcileOptions {
  /**
   * A case committed less than this long ago is left to the API that is starting it now.
   * @default 60 s, or RECONCILE_GRACE_MS
   */
  graceMs?: number;
  /** At most this many cases per pass, oldest first. @default 100 */
  batch?: number;
  /** Deadline of each Temporal call. @default workflowStartWaitMsFromEnv() */
  waitMs?: number;
  /**
   * Also look up the cases committed before workflow inputs were stored that are not known to be started (the
   * migration left them unmarked): marked when Temporal has their workflow, reported otherwise. @default true
   */
  legacy?: boolean;
}

/** What one pass did, by case id. */
export interface ReconcileReport {
  /** Started by this pass (and recorded in the audit trail). */
  started: string[];
  /** Already had a workflow (the API started it and died before marking it, or another reconciler won): now marked. */
  existing: string[];
  /** Committed before inputs were stored and without a workflow: only the submitter's retry can start them. */
  unstartable: string[];
  /** Temporal did not answer or refused: tried again on the next pass. */
  failed: Array<{ id: string; error: string }>;
}

function envMs(name: string, fallback: number): number {
  const ms = Number(process.env[name] ?? fallback);
  return Number.isFinite(ms) && ms >= 0 ? ms : fallback;
}

/**
 * One pass: every case committed more than `graceMs` ago whose workflow is not known to be started is started (or
 * found started) and marked; a start by this pass is audited as `request.workflow-started` in the transaction that
 * marks it. Stops at the first Temporal failure (the rest wait for the next pass rather than each for its deadline).
 */
export async function reconcileCases(deps: ReconcilerDeps, opts: ReconcileOptions = {}): Promise<ReconcileReport> {
  const graceMs = opts.graceMs ?? envMs('RECONCILE_GRACE_MS', 60_000);
  const waitMs = opts.waitMs ?? workflowStartWaitMsFromEnv();
  const report: ReconcileReport = { started: [], existing: [], unstartable: [], failed: [] };
  const pending = (withInput: boolean) =>
    deps.db
      .select({
        id: requests.id,
        process: requests.process,
        workflowId: requests.workflowId,
        pack: requests.pack,
        packHash: requests.packHash,
        workflowInput: requests.workflowInput,
        createdAt: requests.createdAt,
      })
      .from(requests)
      .where(
        and(
          isNull(requests.workflowStartedAt),
          withInput ? isNotNull(requests.workflowInput) : isNull(requests.workflowInput),
          lt(requests.createdAt, sql`now() - make_interval(secs => ${graceMs / 1000})`),
        ),
      )
      .orderBy(asc(requests.createdAt))
      .limit(opts.batch ?? 100);
  const rows = [...(await pending(true)), ...(opts.legacy === false ? [] : await pending(false))];
  for (const row of rows) {
    try {
      if (!row.workflowInput) {
        if (await workflowExists(deps, row, waitMs)) {
          await markWorkflowStarted(deps.db, row.id);
          report.existing.push(row.id);
        } else report.unstartable.push(row.id);
        continue;
      }
      const outcome = await startCommittedCase(deps.temporal, deps.taskQueue, row, await storedCaseInput(deps.packs, row), waitMs);
      await deps.db.transaction(async (tx) => {
        await markWorkflowStarted(tx, row.id);
        if (outcome === 'started') {
          await appendAudit(tx, {
            eventKey: `request.workflow-started:${row.id}`,
            at: new Date(),
            action: 'request.workflow-started',
            requestId: row.id,
            details: { by: 'reconciler', workflowId: row.workflowId, committedAt: row.createdAt.toISOString() },
          });
        }
      });
      report[outcome].push(row.id);
    } catch (error) {
      report.failed.push({ id: row.id, error: (error as Error).message });
      break;
    }
  }
  return report;
}

async function workflowExists(deps: ReconcilerDeps, row: CommittedCase, waitMs: number): Promise<boolean> {
  try {
    await deps.temporal.withDeadline(Date.now() + waitMs, () => deps.temporal.workflow.getHandle(row.workflowId).describe());
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** A running reconciler: `stop()` ends it after the pass under way. */
export interface RunningReconciler {
  stop(): Promise<void>;
  /** Resolves after the next pass completes (for tests and start-up). */
  nextPass(): Promise<ReconcileReport>;
}

/**
 * Runs {@link reconcileCases} now and then every `everyMs` (@default 30 s, or RECONCILE_EVERY_MS), logging what it
 * started and what it could not.
 */
export function startReconciler(deps: ReconcilerDeps, opts: ReconcileOptions & { everyMs?: number } = {}): RunningReconciler {
  const everyMs = opts.everyMs ?? envMs('RECONCILE_EVERY_MS', 30_000);
  const log = deps.log ?? console;
  const reported = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let waiters: Array<(r: ReconcileReport) => void> = [];
  let current: Promise<void> = Promise.resolve();

  let legacyDone = false;
  const pass = async () => {
    let report: ReconcileReport;
    try {
      // Cases from before inputs were stored are looked up until one pass has got through them.
      report = await reconcileCases(deps, { ...opts, legacy: !legacyDone });
      if (report.failed.length === 0) legacyDone = true;
    } catch (error) {
      report = { started: [], existing: [], unstartable: [], failed: [{ id: '', error: (error as Error).message }] };
    }
    if (report.started.length > 0) log.log(`reconciler: started the workflows of ${report.started.length} committed case(s): ${report.started.join(', ')}`);
    for (const id of report.unstartable.filter((id) => !reported.has(id))) {
      reported.add(id);
      log.warn(`reconciler: case ${id} has no workflow and was committed before workflow inputs were stored; the submitter's retry with the same Idempotency-Key starts it`);
    }
    if (report.failed.length > 0) log.warn(`reconciler: could not start case workflows now (${report.failed[0]!.error}); trying again in ${everyMs} ms`);
    const done = waiters;
    waiters = [];
    for (const w of done) w(report);
  };
  const schedule = () => {
    if (stopped) return;
    current = pass().finally(() => {
      if (!stopped) timer = setTimeout(schedule, everyMs);
    });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
    nextPass: () => new Promise((resolve) => waiters.push(resolve)),
  };
}
