/**
 * Share requests under the 2016 Provisions (art. 12, 13): consultation between the departments; failing agreement an
 * application to the authority, the provider's written explanation within 15 days, the authority's coordination
 * within 30 days of the explanation, and failing that a joint decision. Periods in natural days (日).
 */
import { days, policyNote, wd } from '../../build.js';
import type { StepRule } from '../../types.js';
import { completeRequest, openOption, policyLapse, requesterObjection } from '../common-steps.js';
import { OWN_TEXT_2016, cite2016, provisions as p } from './texts.js';

const NO_PERIOD = policyNote({ zh: '2016年规定未规定期限', en: 'the 2016 Provisions give no period' });

/** Data available to all: provision through the platform (no period in the text). */
export function unconditionalShare(): StepRule[] {
  return [
    {
      id: 'provide-data',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '通过共享平台提供数据',
      titleEn: 'Provide the data through the sharing platform',
      clockStartsAt: { at: 'receipt', zh: '自收到申请之日起', en: 'from receipt of the request' },
      period: wd(3),
      periodBasis: 'policy',
      policy: {
        zh: '2016年规定不区分共享属性,也未规定提供期限。本地政策:比照3个工作日。',
        en: 'The 2016 Provisions distinguish no sharing attributes and give no period. Local policy: 3 working days, as in the later Measures.',
      },
      decisions: ['provided', 'return-incomplete'],
      reasonRequiredFor: ['return-incomplete'],
      citation: cite2016(12, p.art12, NO_PERIOD),
    },
    completeRequest('provide-data', { citation: cite2016(12, p.art12, NO_PERIOD), ownText: OWN_TEXT_2016 }),
  ];
}

/** Consultation → provision; no agreement → application → explanation (15 days) → coordination (30 days) → joint decision. */
export function conditionalShare(): StepRule[] {
  return [
    {
      id: 'consultation',
      actor: 'provider',
      role: 'provider',
      titleZh: '与需求部门协商确定共享内容',
      titleEn: 'Consult with the requester and settle the shared content',
      clockStartsAt: { at: 'receipt', zh: '自收到共享需求之日起', en: 'from receipt of the sharing need' },
      period: wd(10),
      periodBasis: 'policy',
      policy: {
        zh: '第十三条未规定协商期限。本地政策:提供部门10个工作日内答复协商结果。',
        en: 'Art. 13 gives no period for consultation. Local policy: the provider reports the outcome within 10 working days.',
      },
      decisions: ['agree', 'no-agreement'],
      reasonRequiredFor: ['no-agreement'],
      citation: cite2016(13, p.art13Consult, NO_PERIOD),
    },
    {
      id: 'provide-data',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '实施共享授权并提供数据',
      titleEn: 'Authorise the agreed content on the platform',
      clockStartsAt: { at: 'previous-step', zh: '自协商一致或确定共享之日起', en: 'from the agreement or decision to share' },
      period: wd(3),
      periodBasis: 'policy',
      policy: {
        zh: '第十三条未规定授权期限。本地政策:3个工作日。',
        en: 'Art. 13 gives no period for the authorisation. Local policy: 3 working days.',
      },
      decisions: ['provided'],
      reasonRequiredFor: [],
      citation: cite2016(13, p.art13Consult, NO_PERIOD),
    },
    {
      ...requesterObjection('consultation', ['no-agreement'], { citation: cite2016(13, p.art13Apply, NO_PERIOD), ownText: OWN_TEXT_2016 }),
      titleZh: '协商不成,向信息共享主管部门提出共享申请',
      titleEn: 'No agreement: apply to the information-sharing authority',
      clockStartsAt: { at: 'previous-step', zh: '自协商不成之日起', en: 'from the failed consultation' },
      policy: {
        zh: '本规定第十三条未规定提出申请的期限。本地政策:协商不成之日起10个工作日为向主管部门提出申请的建议期限(提醒时点)。',
        en: 'The Provisions give no time limit for applying (art. 13). Local policy: 10 working days from the failed consultation are suggested for applying to the authority (when the requester is reminded).',
      },
      option: {
        open: openOption(OWN_TEXT_2016, { zh: '向主管部门提出共享申请', en: 'applying to the authority' }, { zh: '需求部门', en: 'requester' }),
        lapse: policyLapse(
          'waive',
          { zh: '建议期限届满未提出申请的,视为放弃申请', en: 'no application when the suggested period ends: taken as waived' },
          cite2016(13, p.art13Apply, NO_PERIOD),
        ),
      },
      branch: { after: 'consultation', on: ['no-agreement'], zh: '协商不能达成一致', en: 'consultation fails' },
    },
    {
      id: 'provider-explanation',
      actor: 'provider',
      role: 'provider',
      titleZh: '书面说明理由',
      titleEn: 'Explain the reasons in writing',
      clockStartsAt: {
        at: 'requester-objection',
        zh: '自主管部门收到共享申请之日起',
        en: "from the authority's receipt of the application",
      },
      period: days(15),
      periodBasis: 'law',
      decisions: ['explained'],
      reasonRequiredFor: ['explained'],
      branch: { after: 'requester-objection', on: ['object'], zh: '需求部门向主管部门申请', en: 'the requester applies to the authority' },
      citation: cite2016(13, p.art13Explain),
    },
    {
      id: 'coordinate-decide',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '协调确定共享内容',
      titleEn: 'Coordinate and settle the shared content',
      clockStartsAt: { at: 'provider-explanation', zh: '自收到书面说明之日起', en: 'from receipt of the written explanation' },
      period: days(30),
      periodBasis: 'law',
      decisions: ['order-provision', 'uphold-refusal', 'no-consensus'],
      reasonRequiredFor: ['order-provision', 'uphold-refusal', 'no-consensus'],
      endsOn: ['uphold-refusal'],
      branch: { after: 'provider-explanation', on: ['explained'], zh: '提供部门已说明理由', en: 'the provider has explained' },
      resumes: { stepId: 'provide-data', on: ['order-provision'], zh: '确定共享的,实施授权', en: 'sharing settled: authorise it' },
      citation: cite2016(13, p.art13Coordinate),
    },
    {
      id: 'joint-decision',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '会同编制、保密等部门协商确定',
      titleEn: 'Decide jointly with the establishment and secrecy departments',
      clockStartsAt: { at: 'previous-step', zh: '自协调不成之日起', en: 'from the failed coordination' },
      period: wd(20),
      periodBasis: 'policy',
      policy: {
        zh: '第十三条未规定期限。本地政策:20个工作日。',
        en: 'Art. 13 gives no period. Local policy: 20 working days.',
      },
      decisions: ['order-provision', 'uphold-refusal'],
      reasonRequiredFor: ['order-provision', 'uphold-refusal'],
      endsOn: ['uphold-refusal'],
      branch: { after: 'coordinate-decide', on: ['no-consensus'], zh: '协调仍不能达成一致', en: 'coordination fails' },
      resumes: { stepId: 'provide-data', on: ['order-provision'], zh: '确定共享的,实施授权', en: 'sharing settled: authorise it' },
      citation: cite2016(13, p.art13Joint, NO_PERIOD),
    },
  ];
}
