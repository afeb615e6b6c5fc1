/**
 * Workflow code for tests only (bundled as a workflow interceptor): the worker "dies" right after a status write's
 * local activity committed, before its workflow task completed. The activity's test wrapper marks the result
 * `dieNow`; throwing here fails the workflow task, so Temporal runs it again — at a later workflow time, as another
 * worker would after a SIGKILL — and the local activity's write runs again with whatever input the workflow gives it.
 */
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      async scheduleLocalActivity(input, next) {
        const result: unknown = await next(input);
        if (input.activityType === 'setRequestStatus' && (result as { dieNow?: boolean } | undefined)?.dieNow) {
          throw new Error('the worker died after the status write committed, before its workflow task completed');
        }
        return result;
      },
    },
  ],
});
