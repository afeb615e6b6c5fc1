import { patched } from '@temporalio/workflow';
import { closingStatus, startCase } from './case-start';
import { runFlow } from './flow';
import type { CaseInput } from './messages';
import type { CaseResult } from './share-request';

/**
 * Cases whose review was applied for to the providing department directly (Anhui art. 26 para. 2, first clause) run
 * the pack's `quality-dispute-direct` flow: the provider's 7 WD from its own receipt, an extension agreed by the
 * provider. Only such cases ask for the patch (their input says `route: 'direct'`), so every case before it, and every
 * case through the platform, replays as it ran.
 */
export const ANHUI_DIRECT_REVIEW = 'anhui-direct-review';

/**
 * 数据质量异议: the requester disputes shared data; the authority forwards it, the provider verifies and explains or
 * repairs (with an extension the authority may approve), and the requester accepts or objects. Under the Anhui
 * Measures the review may be applied for to the provider directly (`route: 'direct'`).
 */
export async function qualityDisputeWorkflow(input: CaseInput): Promise<CaseResult> {
  const kase = startCase('quality-dispute', input, 'quality-dispute');
  const direct = input.route === 'direct' && patched(ANHUI_DIRECT_REVIEW);
  const { last } = await runFlow(kase, input, direct ? 'quality-dispute-direct' : 'quality-dispute');
  const status = closingStatus(last.decision);
  await kase.setStatus(status, { outcome: last.decision, closed: true });
  await kase.finish();
  return { status, decision: last.decision };
}
