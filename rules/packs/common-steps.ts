/**
 * Steps the texts imply but give no period for (returns for completion, objections, coordination, the requester's
 * answer to a verification): the same shape in every pack, so they are built here with each pack's citation.
 * Every period here is local policy.
 */
import type { Citation } from '../citation.js';
import { wd } from '../build.js';
import type { Period, StepId, StepRule } from '../types.js';

/** The citation and, optionally, a different policy period for a common step. */
export interface CommonStepInput {
  citation: Citation;
  period?: Period;
}

/** The requester completes a request returned as incomplete; on resubmission `resumeAt` runs again from its receipt. */
export function completeRequest(after: StepId, input: CommonStepInput): StepRule {
  return {
    id: 'complete-request',
    actor: 'requester',
    role: 'requester',
    titleZh: '补正申请材料',
    titleEn: 'Complete the returned request',
    clockStartsAt: { at: 'previous-step', zh: '自申请被退回之日起', en: 'from the day the request is returned' },
    period: input.period ?? wd(10),
    periodBasis: 'policy',
    policy: {
      zh: '法律未规定补正期限。本地政策:主管部门可退回不完整的申请一次,需求部门在10个工作日内补正,逾期视为撤回。',
      en: 'The law gives no period for completing a request. Local policy: an incomplete request may be returned once; the requester completes it within 10 working days or it is treated as withdrawn.',
    },
    decisions: ['resubmit', 'withdraw'],
    reasonRequiredFor: [],
    endsOn: ['withdraw'],
    branch: { after, on: ['return-incomplete'], zh: '申请材料不全被退回', en: 'returned as incomplete' },
    resumes: {
      stepId: after,
      on: ['resubmit'],
      zh: '补正后重新审查,期限自收到补正后申请之日起重新计算',
      en: 'reviewed again, the period running afresh from receipt of the completed request',
    },
    onLapse: { decision: 'withdraw', zh: '逾期未补正视为撤回申请', en: 'not completed in time: treated as withdrawn' },
    citation: input.citation,
  };
}

/** The requester's window to object to a refusal (`after` ended with `on`). */
export function requesterObjection(after: StepId, on: StepRule['decisions'], input: CommonStepInput): StepRule {
  return {
    id: 'requester-objection',
    actor: 'requester',
    role: 'requester',
    titleZh: '对不予共享提出异议',
    titleEn: 'Object to the refusal',
    clockStartsAt: { at: 'previous-step', zh: '自收到不予共享答复之日起', en: 'from receipt of the refusal' },
    period: input.period ?? wd(10),
    periodBasis: 'policy',
    policy: {
      zh: '法律未规定提出异议的期限。本地政策:需求部门自收到不予共享答复之日起10个工作日内可提出异议,逾期视为接受。',
      en: 'The law gives no time limit for objecting. Local policy: the requester may object within 10 working days of the refusal; after that the refusal stands.',
    },
    decisions: ['object', 'waive'],
    reasonRequiredFor: ['object'],
    endsOn: ['waive'],
    branch: { after, on, zh: '不予共享', en: 'sharing refused' },
    onLapse: { decision: 'waive', zh: '逾期未提出异议,不予共享答复确定', en: 'no objection in time: the refusal stands' },
    citation: input.citation,
  };
}

/** The authority coordinates an objection to a refusal and decides; ordering provision resumes `provide-data`. */
export function coordinateRefusal(input: CommonStepInput): StepRule {
  return {
    id: 'coordinate-decide',
    actor: 'authority',
    role: 'authority-reviewer',
    titleZh: '协调并作出处理结论',
    titleEn: 'Coordinate the objection and decide',
    clockStartsAt: { at: 'previous-step', zh: '自收到异议申请之日起', en: 'from receipt of the objection' },
    period: input.period ?? wd(10),
    periodBasis: 'policy',
    policy: {
      zh: '法律未规定协调期限。本地政策:主管部门自收到异议之日起10个工作日内作出处理结论。',
      en: 'The law gives no period for coordination. Local policy: the authority decides within 10 working days of receiving the objection.',
    },
    decisions: ['uphold-refusal', 'order-provision'],
    reasonRequiredFor: ['uphold-refusal', 'order-provision'],
    endsOn: ['uphold-refusal'],
    branch: { after: 'requester-objection', on: ['object'], zh: '需求部门提出异议', en: 'the requester objects' },
    resumes: {
      stepId: 'provide-data',
      on: ['order-provision'],
      zh: '决定提供的,自处理结论之日起提供数据',
      en: 'provision ordered: the data is provided, counted from the decision',
    },
    citation: input.citation,
  };
}

/** The requester accepts the provider's verification answer or objects to it. */
export function requesterResponse(input: CommonStepInput): StepRule {
  return {
    id: 'requester-response',
    actor: 'requester',
    role: 'requester',
    titleZh: '确认校核结果',
    titleEn: 'Accept or object to the verification answer',
    clockStartsAt: { at: 'previous-step', zh: '自收到校核结果之日起', en: 'from receipt of the verification answer' },
    period: input.period ?? wd(5),
    periodBasis: 'policy',
    policy: {
      zh: '法律未规定需求部门对校核结果的答复。本地政策:5个工作日内确认或提出异议,逾期视为接受。',
      en: 'The law gives the requester no step after the answer. Local policy: accept or object within 5 working days; silence is acceptance.',
    },
    decisions: ['accept', 'object'],
    reasonRequiredFor: ['object'],
    endsOn: ['accept'],
    onLapse: { decision: 'accept', zh: '逾期未答复视为接受', en: 'no response in time: accepted' },
    citation: input.citation,
  };
}

/** The authority coordinates an objection to a verification answer; ordering a repair resumes `verify-answer`. */
export function coordinateDispute(input: CommonStepInput): StepRule {
  return {
    id: 'coordinate-decide',
    actor: 'authority',
    role: 'authority-reviewer',
    titleZh: '协调数据质量异议并作出处理结论',
    titleEn: 'Coordinate the quality objection and decide',
    clockStartsAt: { at: 'previous-step', zh: '自收到异议之日起', en: 'from receipt of the objection' },
    period: input.period ?? wd(10),
    periodBasis: 'policy',
    policy: {
      zh: '法律未规定协调期限。本地政策:主管部门自收到异议之日起10个工作日内作出处理结论。',
      en: 'The law gives no period for coordination. Local policy: the authority decides within 10 working days of the objection.',
    },
    decisions: ['uphold-answer', 'order-repair'],
    reasonRequiredFor: ['uphold-answer', 'order-repair'],
    endsOn: ['uphold-answer'],
    branch: { after: 'requester-response', on: ['object'], zh: '需求部门对校核结果有异议', en: 'the requester objects to the answer' },
    resumes: {
      stepId: 'verify-answer',
      on: ['order-repair'],
      zh: '责成修复的,提供部门重新校核,期限自处理结论之日起重新计算',
      en: 'repair ordered: the provider verifies again, the period running from the decision',
    },
    citation: input.citation,
  };
}

/** The department corrects a catalogue update the authority returned; resubmission resumes `review-update`. */
export function correctUpdate(input: CommonStepInput): StepRule {
  return {
    id: 'correct-update',
    actor: 'provider',
    role: 'provider',
    titleZh: '修改退回的目录并重新报送',
    titleEn: 'Correct the returned catalogue update and resubmit',
    clockStartsAt: { at: 'previous-step', zh: '自目录被退回之日起', en: 'from the day the update is returned' },
    period: input.period ?? wd(5),
    periodBasis: 'policy',
    policy: {
      zh: '法律未规定退回后的修改期限。本地政策:政务部门自退回之日起5个工作日内修改并重新报送,审核期限自收到之日起重新计算。',
      en: 'The law gives no period after a return. Local policy: the department corrects and resubmits within 5 working days; the review period restarts on receipt.',
    },
    decisions: ['resubmit'],
    reasonRequiredFor: [],
    branch: { after: 'review-update', on: ['return'], zh: '目录审核退回', en: 'update returned by the authority' },
    resumes: {
      stepId: 'review-update',
      on: ['resubmit'],
      zh: '重新审核,期限自收到修改后目录之日起计算',
      en: 'reviewed again, counted from receipt of the corrected update',
    },
    citation: input.citation,
  };
}
