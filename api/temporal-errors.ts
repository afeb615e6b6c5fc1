import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { taskRejections } from '../workflows/messages';
import { HttpProblem } from './problem';

/** The request field a validator's failure names in its details (`body.legalBasis.kind` …), when it names one. */
function fieldOf(failure: ApplicationFailure): string | undefined {
  const [field] = failure.details ?? [];
  return typeof field === 'string' && field.startsWith('body.') ? field : undefined;
}

/** Maps a workflow's refusal of an update (its validator's typed failure) to the HTTP problem a caller understands. */
export function problemForUpdateFailure(error: unknown): HttpProblem | undefined {
  if (error instanceof WorkflowNotFoundError) return HttpProblem.conflict('This case is already closed');
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const message = cause.message;
  switch (cause.type) {
    case taskRejections.notFound:
      return HttpProblem.notFound('Task');
    case taskRejections.notOpen:
      return HttpProblem.conflict(message);
    case taskRejections.wrongActor:
      return HttpProblem.forbidden(message);
    case taskRejections.invalidDecision:
      return HttpProblem.unprocessable('body.decision', message);
    case taskRejections.reasonRequired:
      return HttpProblem.unprocessable('body.reason', message);
    case taskRejections.legalBasisRequired:
      return HttpProblem.unprocessable(fieldOf(cause) ?? 'body.legalBasis', message);
    case taskRejections.invalidPayload:
      return HttpProblem.unprocessable(fieldOf(cause) ?? 'body.payload', message);
    case taskRejections.extensionNotAllowed:
    case taskRejections.extensionOverLimit:
      return HttpProblem.unprocessable('body.n', message);
    case taskRejections.extensionPending:
      return HttpProblem.conflict(message);
    case taskRejections.inputRefused:
      return HttpProblem.badRequest('body', `${message}. The task is still open.`);
    case taskRejections.notRecorded:
      return HttpProblem.unavailable(`${message}. Nothing was recorded; complete it again shortly.`);
    case taskRejections.extensionTooLate:
      return HttpProblem.conflict(message);
    default:
      return undefined;
  }
}
