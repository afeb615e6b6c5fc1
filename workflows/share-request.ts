import { patched } from '@temporalio/workflow';
import { crossLevelFlowOf, negativeListRefuses, type FlowId } from '../rules';
import { casePack, closingStatus, startCase } from './case-start';
import { runFlow } from './flow';
import { catalogueStore } from './read-model';
import type { CaseInput } from './messages';

export interface CaseResult {
  status: string;
  decision: string;
}

/**
 * Cases received since: a "not shared" entry is refused at once only where an approved negative list makes it so (the
 * Hebei Measures, draft art. 15); otherwise (not listed, or a text without such a list: Anhui, Hebei 2016) the request
 * goes the conditional way, so the authority and the provider decide it and a refusal names its legal basis. Before
 * it, every "not shared" entry was refused at once (tests/histories/before-not-shared-review/ replays as it was).
 */
const NOT_SHARED_REVIEWED = 'not-shared-reviewed';

/**
 * Cases received since: a city's or county's department asking for data of another level or region of its province
 * (Hebei draft art. 21) goes through its own-level authority (`parties.relayAuthority`), which relays it to the
 * upper-level authority (`parties.authority`), which handles it as art. 19 says. Only a case the API bound with a
 * relaying authority asks for the patch: every case started before (none has one) runs as it did.
 */
const CROSS_LEVEL_ROUTE = 'cross-level-route';

/**
 * 共享申请: a department asks for a catalogue entry's data for a stated scenario. Unconditional data is provided (or,
 * in Anhui, directly accessible); conditional data goes through review, the provider's reply, and on refusal the
 * requester's objection and the authority's decision. An entry on an approved negative list is refused with its
 * citation; one merely classed "not shared" is decided as conditional data is. A cross-level request (art. 21) is first
 * relayed by the requester's own-level authority to the upper-level authority.
 */
export async function shareRequestWorkflow(input: CaseInput): Promise<CaseResult> {
  const kase = startCase('share-request', input);
  const entry = await catalogueStore().catalogueEntry(input.catalogueEntryId);
  const reviewed =
    entry?.sharingAttribute === 'not-shared' && !(entry.negativeList && negativeListRefuses(casePack(input))) && patched(NOT_SHARED_REVIEWED);
  const sameLevel = entry?.sharingAttribute === 'conditional' || reviewed ? 'conditional-share' : 'unconditional-share';
  const crossLevel = input.parties.relayAuthority ? crossLevelFlowOf(casePack(input), sameLevel) : undefined;
  const flow: FlowId = crossLevel && patched(CROSS_LEVEL_ROUTE) ? crossLevel : sameLevel;
  if (!entry || (entry.sharingAttribute === 'not-shared' && !reviewed)) {
    await kase.setStatus('refused', {
      outcome: 'not-shared',
      closed: true,
      details: {
        citation: entry?.negativeList
          ? { negativeListCase: entry.negativeList.requestId, legalBasis: entry.negativeList.legalBasis, listedAt: entry.negativeList.listedAt }
          : { legalBasis: entry?.legalBasis ?? null },
        reasonZh: '该目录条目属于不予共享类（负面清单），依法不予共享。',
        reasonEn: 'The entry is classed "not shared" (negative list); by law it is not shared.',
      },
    });
    // The requesting department's notice of the refusal may still be on its way to its webhook.
    await kase.finish();
    return { status: 'refused', decision: 'not-shared' };
  }
  const { last } = await runFlow(kase, input, flow);
  const status = closingStatus(last.decision);
  await kase.setStatus(status, { outcome: last.decision, closed: true });
  await kase.finish();
  return { status, decision: last.decision };
}
