import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { taskRejections } from '../workflows/messages';
import { HttpProblem } from './problem';
import { fromWire, text, things } from './problem-text';

/** The request field a validator's failure names in its details (`body.legalBasis.kind` …), when it names one. */
function fieldOf(failure: ApplicationFailure): string | undefined {
  const [field] = failure.details ?? [];
  return typeof field === 'string' && field.startsWith('body.') ? field : undefined;
}

/** Maps a workflow's refusal of an update (its validator's typed failure) to the HTTP problem a caller understands. */
export function problemForUpdateFailure(error: unknown): HttpProblem | undefined {
  if (error instanceof WorkflowNotFoundError) return HttpProblem.conflict(text('该案件已结案', 'This case is already closed'));
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const message = cause.message;
  switch (cause.type) {
    case taskRejections.notFound:
      return HttpProblem.notFound(things.task);
    case taskRejections.notOpen:
      // The case's own words name the task by its internal id: said plainly instead.
      return HttpProblem.conflict(text('该事项已办结，不能再办理', 'This task is already closed; it can no longer be acted on'));
    case taskRejections.wrongActor:
      return HttpProblem.forbidden(fromWire(message, '您所在的部门或您的角色不是该事项的承办方'));
    case taskRejections.invalidDecision:
      return HttpProblem.unprocessable('body.decision', fromWire(message, '不是此环节可选的决定'), 'invalidDecision');
    case taskRejections.reasonRequired:
      return HttpProblem.unprocessable('body.reason', fromWire(message, '须写明理由'), 'reasonRequired');
    case taskRejections.legalBasisRequired:
      return HttpProblem.unprocessable(fieldOf(cause) ?? 'body.legalBasis', fromWire(message, '须写明不予共享的法律依据'), 'legalBasisRequired');
    case taskRejections.invalidPayload:
      return HttpProblem.unprocessable(fieldOf(cause) ?? 'body.payload', fromWire(message, '变更内容不符合要求'), 'invalidPayload');
    case taskRejections.extensionNotAllowed:
      return HttpProblem.unprocessable('body.n', fromWire(message, '适用的规定不允许该事项延期'), 'extensionNotAllowed');
    case taskRejections.extensionOverLimit:
      return HttpProblem.unprocessable('body.n', fromWire(message, '超出规定允许的延期上限'), 'extensionOverLimit');
    case taskRejections.extensionPending:
      return HttpProblem.conflict(fromWire(message, '该事项已有延期申请等待决定'));
    case taskRejections.inputRefused:
      return HttpProblem.badRequest('body', text('提交的内容未能保存（数据库不接受），事项仍在办理中，请修改后重新提交', `${message}. The task is still open.`), 'inputRefused');
    case taskRejections.notRecorded:
      return HttpProblem.unavailable(text('暂时无法记录办理结果，未作任何记录，请稍后重新提交', `${message}. Nothing was recorded; complete it again shortly.`));
    case taskRejections.extensionTooLate:
      return HttpProblem.conflict(fromWire(message, '期限已届满：只能在期限内申请延期'));
    default:
      return undefined;
  }
}
