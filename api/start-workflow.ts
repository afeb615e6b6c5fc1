import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { AppDeps } from './app';
import { HttpProblem } from './problem';
import { text } from './problem-text';

/**
 * Starts a case's workflow, once: the id is derived from the request, a running one is reused, and a finished one is
 * never started again. Temporal unreachable is a 503 the caller may retry with the same Idempotency-Key.
 */
export async function startCaseWorkflow(deps: AppDeps, workflowType: string, workflowId: string, input: unknown): Promise<void> {
  try {
    await deps.temporal.workflow.start(workflowType, {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    throw HttpProblem.unavailable(
      text(
        '申请已保存，但其办理流程暂时无法启动；请稍后以同一 Idempotency-Key 重试',
        `The request was saved but its process could not be started yet (${(error as Error).message}); retry with the same Idempotency-Key`,
      ),
    );
  }
}
