/**
 * Starting a committed case's workflow, the one way both the API and the reconciler do it: the input committed with
 * the case, the workflow id derived from the case, and a deadline on the call so an unreachable Temporal is an answer
 * within seconds rather than a hang.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { PackStore } from '../db/pack-store';
import { requests, type Process } from '../db/schema';
import { workflowTypes, type CaseInput } from '../workflows/messages';

/** The workflow type of each process. */
export const workflowTypeOf: Record<Process, string> = {
  'share-request': workflowTypes.shareRequest,
  'catalogue-change': workflowTypes.catalogueChange,
  'quality-dispute': workflowTypes.qualityDispute,
  'negative-list': workflowTypes.negativeList,
  'data-inconsistency': workflowTypes.dataInconsistency,
};

/**
 * How long a start call may wait for Temporal before it gives up (the case stays committed and is started later).
 * @default 5 s, or WORKFLOW_START_WAIT_MS (at least 100 ms)
 */
export function workflowStartWaitMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.WORKFLOW_START_WAIT_MS ?? 5_000);
  return Number.isFinite(ms) && ms >= 100 ? ms : 5_000;
}

/** What is needed of a committed case to start its workflow. */
export type CommittedCase = Pick<typeof requests.$inferSelect, 'id' | 'process' | 'workflowId' | 'pack' | 'packHash' | 'workflowInput'>;

/** The case has no stored input (it was committed before inputs were stored): only the API's retry can rebuild it. */
export class NoStoredInputError extends Error {
  constructor(readonly requestId: string) {
    super(`case ${requestId} was committed without its workflow input`);
    this.name = 'NoStoredInputError';
  }
}

/** The workflow input committed with the case, with the data of the pack version it is bound to. */
export async function storedCaseInput(packs: PackStore, row: CommittedCase): Promise<CaseInput> {
  if (!row.workflowInput) throw new NoStoredInputError(row.id);
  const input = row.workflowInput as unknown as CaseInput;
  return row.packHash ? { ...input, packHash: row.packHash, packData: await packs.forCase(row.pack, row.packHash) } : input;
}

/**
 * Whether the start call created the workflow (`started`) or found the case's one already there (`existing`, running
 * or closed: a closed case is never started again).
 */
export type StartOutcome = 'started' | 'existing';

/**
 * Starts the workflow of a committed case with `input`, at most once: its id is derived from the case, a workflow of
 * that id that is running or closed makes this `existing`. Gives up after `waitMs` (the gRPC deadline covers the SDK's
 * own retries). Thrown when Temporal did not answer in time or refused: the error of the client.
 */
export async function startCommittedCase(
  temporal: Client,
  taskQueue: string,
  row: Pick<CommittedCase, 'process' | 'workflowId'>,
  input: CaseInput,
  waitMs: number,
): Promise<StartOutcome> {
  try {
    await temporal.withDeadline(Date.now() + waitMs, () =>
      temporal.workflow.start(workflowTypeOf[row.process], {
        taskQueue,
        workflowId: row.workflowId,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'existing';
    throw error;
  }
}

/** Records that the case's workflow is known to exist; a case already marked keeps its first mark. Returns whether it marked it. */
export async function markWorkflowStarted(db: Db | Parameters<Parameters<Db['transaction']>[0]>[0], requestId: string): Promise<boolean> {
  const marked = await db
    .update(requests)
    .set({ workflowStartedAt: new Date() })
    .where(and(eq(requests.id, requestId), isNull(requests.workflowStartedAt)))
    .returning({ id: requests.id });
  return marked.length > 0;
}
