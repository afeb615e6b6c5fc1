/** Share requests under the Hebei Measures (draft art. 19; the 2023 news summary gives no share deadlines). */
import { policyNote, wd } from '../../build.js';
import type { StepRule } from '../../types.js';
import { completeRequest, coordinateRefusal, requesterObjection } from '../common-steps.js';
import { art19, art21 } from './texts.js';
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

const RELAY_NOTE = policyNote({
  zh: '第二十一条规定通过本级政务数据主管部门向上一级政务数据主管部门申请,未规定转报期限',
  en: 'art. 21 routes the request through the own-level authority to the upper-level authority but gives no period for the relay',
});

/** How the upper-level authority's first step reads in a cross-level request: art. 19's period, from its receipt of the relayed request. */
const UPPER_RECEIPT = {
  at: 'relay-upward',
  zh: '自上一级政务数据主管部门收到本级主管部门转报的申请之日起',
  en: 'from the upper-level authority’s receipt of the request relayed by the own-level authority',
} as const;

function upperNote(): string {
  return '第二十一条:申请经需求部门本级政务数据主管部门转报,由上一级政务数据主管部门按第十九条办理,期限自其收到转报的申请之日起计算 / Art. 21: the request reaches the upper-level authority through the requester’s own-level authority; the upper-level authority handles it under art. 19, its period running from its receipt of the relayed request.';
}

/**
 * Draft art. 21, second sentence: the requester's own-level authority relays the request to the upper-level
 * authority. The draft gives no period for the hop: local policy, 3 WD (as art. 19 gives the authority to review and
 * forward), overridable as `periods.<flow>.relay-upward`.
 */
export function relayUpward(v: HebeiVariant): StepRule {
  return {
    id: 'relay-upward',
    actor: 'relay-authority',
    role: 'authority-reviewer',
    titleZh: '转报上一级政务数据主管部门',
    titleEn: 'Relay the request to the upper-level competent authority',
    clockStartsAt: { at: 'receipt', zh: '自收到申请之日起', en: 'from receipt of the request' },
    period: wd(3),
    periodBasis: 'policy',
    policy: {
      zh: '本办法征求意见稿第二十一条规定设区的市、县(市、区)政务部门通过本级政务数据主管部门向上一级政务数据主管部门申请获取,未规定转报期限。本地政策:本级主管部门自收到申请之日起3个工作日内转报(与第十九条主管部门审核转送的期限相同);申请是否完整由受理申请的上一级主管部门审核。',
      en: 'Art. 21 of the consultation draft of the Measures has a districted city’s or county’s department apply to the upper-level authority through the authority at its own level, and gives no period for the relay. Local policy: the own-level authority relays the request within 3 working days of receiving it (the period art. 19 gives the authority to review and forward); whether the request is complete is reviewed by the upper-level authority that receives it.',
    },
    decisions: ['forward'],
    reasonRequiredFor: [],
    citation: draftCite(v, 21, art21.crossLevel, RELAY_NOTE),
  };
}

/** Art. 21 over art. 19: the relay, then the upper-level authority's first step counted from its receipt of the relayed request. */
function crossLevel(v: HebeiVariant, steps: StepRule[]): StepRule[] {
  const [first, ...rest] = steps;
  const upper: StepRule = {
    ...first!,
    clockStartsAt: UPPER_RECEIPT,
    citation: { ...first!.citation, note: [first!.citation.note, upperNote()].filter(Boolean).join(' ') },
  };
  return [relayUpward(v), upper, ...rest];
}

/** Cross-level unconditional data (art. 21, 19): relay (local policy) → the upper-level authority provides it (3 WD). */
export function crossLevelUnconditionalShare(v: HebeiVariant): StepRule[] {
  return crossLevel(v, unconditionalShare(v));
}

/** Cross-level conditional data (art. 21, 19): relay (local policy) → review and forward (3 WD) → reply (5 WD) → provide (3 WD). */
export function crossLevelConditionalShare(v: HebeiVariant): StepRule[] {
  return crossLevel(v, conditionalShare(v));
}
