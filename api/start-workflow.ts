import { markWorkflowStarted, startCommittedCase, workflowStartWaitMsFromEnv, type CommittedCase } from '../case-start/start';
import type { CaseInput } from '../workflows/messages';
import type { AppDeps } from './app';
import { HttpProblem } from './problem';
import { text, type Text } from './problem-text';

/**
 * Starts a committed case's workflow, once (its id is derived from the case; one already there, running or closed, is
 * left as it is) and marks the case started. Temporal not answering within `deps.workflowStartWaitMs` is a 503 that
 * says the truth: the submission is kept, and the reconciler (case-start/reconciler.ts) starts it.
 */
export async function startCaseWorkflow(deps: AppDeps, row: Pick<CommittedCase, 'id' | 'process' | 'workflowId'>, input: CaseInput): Promise<void> {
  const waitMs = deps.workflowStartWaitMs ?? workflowStartWaitMsFromEnv();
  try {
    await startCommittedCase(deps.temporal, deps.taskQueue, row, input, waitMs);
  } catch (error) {
    throw HttpProblem.unavailable(submissionKept(row.id, waitMs, error));
  }
  await markWorkflowStarted(deps.db, row.id);
}

/** The 503's detail when a case is committed but its workflow could not be started now. */
export function submissionKept(requestId: string, waitMs: number, error: unknown): Text {
  const s = Math.max(1, Math.round(waitMs / 1000));
  return text(
    `已收到并保存您的提交（案件 ${requestId}），但办理流程暂时无法启动（流程服务未在 ${s} 秒内响应）。提交已保留，系统将自动启动办理流程，期限自收到之日起计算，无需重新提交；以同一 Idempotency-Key 重试将返回该案件，不会重复记录。`,
    `The submission was saved as case ${requestId}, but its process could not be started now (Temporal did not answer within ${s} s: ${(error as Error).message}). ` +
      `It is kept and will be started automatically, its period counted from receipt; there is no need to submit it again — a retry with the same Idempotency-Key returns this case and is never recorded twice.`,
  );
}
