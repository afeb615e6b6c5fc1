import { closingStatus, startCase } from './case-start';
import { runFlow } from './flow';
import { readModel } from './read-model';
import type { CaseInput } from './messages';

export interface CaseResult {
  status: string;
  decision: string;
}

/**
 * 共享申请: a department asks for a catalogue entry's data for a stated scenario. Unconditional data is provided (or,
 * in Anhui, directly accessible); conditional data goes through review, the provider's reply, and on refusal the
 * requester's objection and the authority's decision. An entry on the negative list is refused with its citation.
 */
export async function shareRequestWorkflow(input: CaseInput): Promise<CaseResult> {
  const kase = startCase('share-request', input);
  const entry = await readModel().catalogueEntry(input.catalogueEntryId);
  const flow = entry?.sharingAttribute === 'conditional' ? 'conditional-share' : 'unconditional-share';
  if (!entry || entry.sharingAttribute === 'not-shared') {
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
