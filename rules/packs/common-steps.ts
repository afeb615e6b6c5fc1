/**
 * Steps the texts imply but give no period for (returns for completion, objections, coordination, the requester's
 * answer to a verification): the same shape in every pack, so they are built here with each pack's citation and the
 * name of its own text. Every period here is local policy; the requester's steps are options (never duties), and
 * none of our texts lets one lapse, so each stays open until the requester chooses unless a jurisdiction turns the
 * lapse on as local policy.
 */
import type { Citation } from '../citation.js';
import { wd } from '../build.js';
import type { Bilingual, Decision, LapseRule, Period, StepId, StepRule } from '../types.js';

/**
 * How a pack names its own text when it says the text is silent: 本办法 (the Measures), 本规定 (the Provisions). The
 * text is silent, not the whole of the law.
 */
export interface OwnText {
  zh: string;
  en: string;
  /** Whether the English name takes a plural verb ("the Measures give", "the draft gives"). */
  plural: boolean;
}

/** The citation, the pack's own text and, optionally, a different policy period for a common step. */
export interface CommonStepInput {
  citation: Citation;
  ownText: OwnText;
  period?: Period;
}

/** The sentence every option carries: the text sets no time limit, so the option stays open and nothing is a breach. */
export function openOption(t: OwnText, what: Bilingual, party: Bilingual): Bilingual {
  return {
    zh: `${t.zh}未规定${what.zh}的期限：期满不丧失该选项，${party.zh}作出选择前该选项保持开放，案件在此期间不办结；本地政策的建议期限届满前提醒${party.zh}，不作逾期督办。`,
    en: `${capitalise(t.en)} set${plural(t)} no time limit for ${what.en}: the option is not lost when the period ends; it stays open until the ${party.en} chooses, and the case stays open meanwhile. The ${party.en} is reminded before the local-policy suggested period ends; nothing is escalated as a breach.`,
  };
}

/** A lapse the text does not provide: local policy, off unless a jurisdiction turns it on. */
export function policyLapse(decision: Decision, consequence: Bilingual, citation: Citation): LapseRule {
  return { decision, zh: consequence.zh, en: consequence.en, applies: false, basis: 'policy', citation };
}

/** The verb's ending: "the Measures give", "the draft gives". */
function plural(t: OwnText): string {
  return t.plural ? '' : 's';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const REQUESTER = { zh: '需求部门', en: 'requester' };

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
      zh: `${input.ownText.zh}未规定补正期限。本地政策:主管部门可退回不完整的申请一次;需求部门补正的建议期限为10个工作日(提醒时点)。`,
      en: `${capitalise(input.ownText.en)} give${plural(input.ownText)} no period for completing a request. Local policy: an incomplete request may be returned once; 10 working days are suggested for completing it (when the requester is reminded).`,
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
    option: {
      open: openOption(input.ownText, { zh: '补正', en: 'completing a returned request' }, REQUESTER),
      lapse: policyLapse(
        'withdraw',
        { zh: '建议期限届满仍未补正的,视为撤回申请', en: 'not completed when the suggested period ends: treated as withdrawn' },
        input.citation,
      ),
    },
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
      zh: `${input.ownText.zh}未规定提出异议的期限。本地政策:自收到不予共享答复之日起10个工作日为提出异议的建议期限(提醒时点)。`,
      en: `${capitalise(input.ownText.en)} give${plural(input.ownText)} no time limit for objecting. Local policy: 10 working days from the refusal are suggested for objecting (when the requester is reminded).`,
    },
    decisions: ['object', 'waive'],
    reasonRequiredFor: ['object'],
    endsOn: ['waive'],
    branch: { after, on, zh: '不予共享', en: 'sharing refused' },
    option: {
      open: openOption(input.ownText, { zh: '提出异议', en: 'objecting to a refusal' }, REQUESTER),
      lapse: policyLapse(
        'waive',
        { zh: '建议期限届满未提出异议的,视为放弃异议,不予共享答复确定', en: 'no objection when the suggested period ends: taken as waived, the refusal stands' },
        input.citation,
      ),
    },
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
      zh: `${input.ownText.zh}未规定协调期限。本地政策:主管部门自收到异议之日起10个工作日内作出处理结论。`,
      en: `${capitalise(input.ownText.en)} give${plural(input.ownText)} no period for coordination. Local policy: the authority decides within 10 working days of receiving the objection.`,
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
      zh: `${input.ownText.zh}未规定需求部门对校核结果的答复。本地政策:确认或提出异议的建议期限为5个工作日(提醒时点)。`,
      en: `${capitalise(input.ownText.en)} give${plural(input.ownText)} the requester no step after the answer. Local policy: 5 working days are suggested for accepting or objecting (when the requester is reminded).`,
    },
    decisions: ['accept', 'object'],
    reasonRequiredFor: ['object'],
    endsOn: ['accept'],
    option: {
      open: openOption(input.ownText, { zh: '对校核结果作出答复', en: 'answering the verification' }, REQUESTER),
      lapse: policyLapse(
        'accept',
        { zh: '建议期限届满未答复的,视为接受校核结果', en: 'no response when the suggested period ends: the answer is taken as accepted' },
        input.citation,
      ),
    },
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
      zh: `${input.ownText.zh}未规定协调期限。本地政策:主管部门自收到异议之日起10个工作日内作出处理结论。`,
      en: `${capitalise(input.ownText.en)} give${plural(input.ownText)} no period for coordination. Local policy: the authority decides within 10 working days of the objection.`,
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
      zh: `${input.ownText.zh}未规定退回后的修改期限。本地政策:政务部门自退回之日起5个工作日内修改并重新报送,审核期限自收到之日起重新计算。`,
      en: `${capitalise(input.ownText.en)} give${plural(input.ownText)} no period after a return. Local policy: the department corrects and resubmits within 5 working days; the review period restarts on receipt.`,
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
