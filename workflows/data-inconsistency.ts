import { closingStatus, startCase } from './case-start';
import { runFlow } from './flow';
import type { CaseInput } from './messages';
import type { CaseResult } from './share-request';

/**
 * 同类数据不一致 (Anhui art. 27): one department finds that another provides data of the same category that is
 * inconsistent with its own. The two consult and reach a consensus; if they cannot, the data resources authority
 * handles it in coordination with the competent administrative departments. A new workflow type: no history of it
 * predates it, so it has no patch.
 */
export async function dataInconsistencyWorkflow(input: CaseInput): Promise<CaseResult> {
  const kase = startCase('data-inconsistency', input, 'data-inconsistency');
  const { last } = await runFlow(kase, input, 'data-inconsistency');
  const status = closingStatus(last.decision);
  await kase.setStatus(status, { outcome: last.decision, closed: true });
  await kase.finish();
  return { status, decision: last.decision };
}
