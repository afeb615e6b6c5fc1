import { closingStatus, startCase } from './case-start';
import { runFlow } from './flow';
import type { CaseInput } from './messages';
import type { CaseResult } from './share-request';

/**
 * 数据质量异议: the requester disputes shared data; the authority forwards it, the provider verifies and explains or
 * repairs (with an extension the authority may approve), and the requester accepts or objects.
 */
export async function qualityDisputeWorkflow(input: CaseInput): Promise<CaseResult> {
  const kase = startCase('quality-dispute', input, 'quality-dispute');
  const { last } = await runFlow(kase, input, 'quality-dispute');
  const status = closingStatus(last.decision);
  await kase.setStatus(status, { outcome: last.decision, closed: true });
  await kase.finish();
  return { status, decision: last.decision };
}
