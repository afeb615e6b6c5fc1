import { CATALOGUE_SUBMISSION_STEPS as submissionSteps } from '../rules/catalogue-update';
import { closingStatus, startCase } from './case-start';
import { runFlow } from './flow';
import { catalogueStore } from './read-model';
import type { CaseInput, TaskCompletion } from './messages';
import type { CaseResult } from './share-request';


/**
 * 目录更新: after a change of law or duties the department updates its catalogue entry and submits it (it may ask for
 * an extension); the authority reviews and approves it or returns it for correction. Approval applies the change.
 */
export async function catalogueChangeWorkflow(input: CaseInput): Promise<CaseResult> {
  const kase = startCase('catalogue-change', input, 'catalogue-change');
  let submitted: TaskCompletion | undefined;
  const { last } = await runFlow(kase, input, 'catalogue-change', async (step, completion, next) => {
    if (submissionSteps.has(step.id) && completion.payload) submitted = completion;
    const approved = completion.decision === 'approve';
    const endsWithoutReview = next.kind === 'end' && submissionSteps.has(step.id);
    if ((approved || endsWithoutReview) && submitted?.payload) {
      await catalogueStore().applyCatalogueChange({ entryId: input.catalogueEntryId, requestId: input.requestId, changes: submitted.payload, at: completion.completedAt });
    }
  });
  const status = submissionSteps.has(last.step) ? 'filed' : closingStatus(last.decision);
  await kase.setStatus(status, { outcome: last.decision, closed: true });
  await kase.finish();
  return { status, decision: last.decision };
}
