/** Share requests under the Hebei Measures (draft art. 19; the 2023 news summary gives no share deadlines). */
import { policyNote, wd } from '../../build.js';
import type { StepRule } from '../../types.js';
import { completeRequest, coordinateRefusal, requesterObjection } from '../common-steps.js';
import { art19 } from './texts.js';
import { DRAFT_BASIS, HEBEI_OWN_TEXT, draftCite, type HebeiVariant } from './variant.js';

const RETURN_NOTE = policyNote({
  zh: '退回补正及其期限为本地政策,依据是申请须明确应用场景',
  en: 'returning for completion and its period are local policy, resting on the rule that a request must state its scenario',
});
const OBJECTION_NOTE = policyNote({
  zh: '第十九条规定可提出异议并由主管部门协调,但未规定期限',
  en: 'art. 19 provides the objection and the coordination but no period',
});

/** 无条件共享: the authority provides the data within 3 WD of receipt. */
export function unconditionalShare(v: HebeiVariant): StepRule[] {
  return [
    {
      id: 'provide-data',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '直接提供共享数据',
      titleEn: 'Provide the unconditionally shared data',
      clockStartsAt: { at: 'receipt', zh: '自收到申请之日起', en: 'from receipt of the request' },
      period: wd(3),
      periodBasis: DRAFT_BASIS,
      decisions: ['provided', 'return-incomplete'],
      reasonRequiredFor: ['return-incomplete'],
      citation: draftCite(v, 19, art19.unconditional),
    },
    completeRequest('provide-data', { citation: draftCite(v, 19, art19.request, RETURN_NOTE), ownText: HEBEI_OWN_TEXT }),
  ];
}

/** 有条件共享: review and forward (3 WD), provider reply (5 WD), provision (3 WD); refusal → objection → coordination. */
export function conditionalShare(v: HebeiVariant): StepRule[] {
  return [
    {
      id: 'review-forward',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '审核并转至提供部门',
      titleEn: 'Review the request and forward it to the provider',
      clockStartsAt: { at: 'receipt', zh: '自收到申请之日起', en: 'from receipt of the request' },
      period: wd(3),
      periodBasis: DRAFT_BASIS,
      decisions: ['forward', 'return-incomplete'],
      reasonRequiredFor: ['return-incomplete'],
      citation: draftCite(v, 19, art19.forward),
    },
    {
      id: 'provider-reply',
      actor: 'provider',
      role: 'provider',
      titleZh: '答复是否同意共享',
      titleEn: 'Reply: agree to share or refuse with reasons',
      clockStartsAt: { at: 'review-forward', zh: '自申请转至提供部门之日起', en: 'from the forwarding of the request' },
      period: wd(5),
      periodBasis: DRAFT_BASIS,
      decisions: ['agree', 'refuse'],
      reasonRequiredFor: ['refuse'],
      citation: draftCite(v, 19, art19.reply),
    },
    {
      id: 'provide-data',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '向需求部门提供数据',
      titleEn: 'Provide the data to the requester',
      clockStartsAt: { at: 'provider-reply', zh: '自收到同意共享的回复之日起', en: 'from receipt of the agreeing reply' },
      period: wd(3),
      periodBasis: DRAFT_BASIS,
      decisions: ['provided'],
      reasonRequiredFor: [],
      citation: draftCite(v, 19, art19.provide),
    },
    completeRequest('review-forward', { citation: draftCite(v, 19, art19.request, RETURN_NOTE), ownText: HEBEI_OWN_TEXT }),
    requesterObjection('provider-reply', ['refuse'], { citation: draftCite(v, 19, art19.objection, OBJECTION_NOTE), ownText: HEBEI_OWN_TEXT }),
    coordinateRefusal({ citation: draftCite(v, 19, art19.objection, OBJECTION_NOTE), ownText: HEBEI_OWN_TEXT }),
  ];
}
