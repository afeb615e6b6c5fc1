import { closingStatus, startCase } from './case-start';
import { runFlow } from './flow';
import { catalogueStore } from './read-model';
import type { CaseInput } from './messages';
import type { CaseResult } from './share-request';

/**
 * 负面清单: a department applies to class an entry "not shared", with the legal basis; the authority reviews; the
 * people's government approves; the entry is listed; the list is filed with the upper-level authority (备案).
 */
export async function negativeListWorkflow(input: CaseInput & { legalBasis: string }): Promise<CaseResult> {
  const kase = startCase('negative-list', input, 'negative-list');
  const { last } = await runFlow(kase, input, 'negative-list', async (step, completion, next) => {
    const finalApproval = completion.decision === 'approve' && (next.kind === 'end' || next.step.id === 'record-filing');
    if (finalApproval) {
      await catalogueStore().listOnNegativeList({
        entryId: input.catalogueEntryId,
        requestId: input.requestId,
        legalBasis: input.legalBasis,
        approvedBy: completion.completedBy,
        at: completion.completedAt,
      });
      await kase.setStatus('listed');
    }
    if (step.id === 'record-filing' && completion.decision === 'filed') {
      await catalogueStore().recordNegativeListFiling({ entryId: input.catalogueEntryId, requestId: input.requestId, at: completion.completedAt });
    }
  });
  const status = closingStatus(last.decision);
  await kase.setStatus(status, { outcome: last.decision, closed: true });
  await kase.finish();
  return { status, decision: last.decision };
}
