/** The `anhui-2021` pack. */
import { policyNote, wd } from '../../build.js';
import type { RulePack, StepRule } from '../../types.js';
import {
  completeRequest,
  coordinateDispute,
  coordinateRefusal,
  correctUpdate,
  requesterObjection,
  requesterResponse,
} from '../common-steps.js';
import { packPolicy } from '../pack-policy.js';
import { citeAnhui, measures as m } from './texts.js';

const NO_PERIOD = policyNote({ zh: '本办法未规定期限', en: 'the Measures give no period' });
/** The text that is silent on a period: the Measures, not the whole of the law. */
const OWN_TEXT = { zh: '本办法', en: 'the Measures', plural: true };

const sharing: Record<'unconditional-share' | 'conditional-share', StepRule[]> = {
  'unconditional-share': [
    {
      id: 'direct-access',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '通过江淮大数据中心平台直接获取',
      titleEn: 'Direct access on the Jianghuai big-data centre platform',
      clockStartsAt: { at: 'receipt', zh: '申请时即时获取', en: 'at once, on request' },
      period: wd(0),
      periodBasis: 'law',
      immediate: true,
      decisions: [],
      reasonRequiredFor: [],
      citation: citeAnhui(25, m.art25Unconditional, { reconstructed: true }),
    },
  ],
  'conditional-share': [
    {
      id: 'provider-reply',
      actor: 'provider',
      role: 'provider',
      titleZh: '答复是否同意共享',
      titleEn: 'Reply: agree to share or refuse with reasons',
      clockStartsAt: { at: 'receipt', zh: '自收到申请之日起', en: 'from receipt of the request' },
      period: wd(7),
      periodBasis: 'law',
      decisions: ['agree', 'refuse', 'return-incomplete'],
      reasonRequiredFor: ['refuse', 'return-incomplete'],
      citation: citeAnhui(25, m.art25Conditional, {
        reconstructed: true,
        note: '无主管部门转办环节,提供部门直接答复 / No forwarding by the authority: the provider replies directly.',
      }),
    },
    {
      id: 'provide-data',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '在平台开通共享数据',
      titleEn: 'Open access to the data on the platform',
      clockStartsAt: { at: 'provider-reply', zh: '自同意共享之日起', en: 'from the agreement' },
      period: wd(3),
      periodBasis: 'policy',
      policy: {
        zh: '第二十五条未规定同意后开通数据的期限。本地政策:3个工作日。',
        en: 'Art. 25 gives no period for opening access after agreement. Local policy: 3 working days.',
      },
      decisions: ['provided'],
      reasonRequiredFor: [],
      citation: citeAnhui(25, m.art25Conditional, { reconstructed: true, note: NO_PERIOD }),
    },
    completeRequest('provider-reply', {
      citation: citeAnhui(24, m.art24, {
        note: policyNote({
          zh: '提供部门登记了申请所需全部材料;缺材料的申请可退回补正一次',
          en: 'the provider registers the materials a request needs; an incomplete request may be returned once',
        }),
      }),
      ownText: OWN_TEXT,
    }),
    requesterObjection('provider-reply', ['refuse'], { citation: citeAnhui(21, m.art21, { note: NO_PERIOD }), ownText: OWN_TEXT }),
    coordinateRefusal({ citation: citeAnhui(21, m.art21, { note: NO_PERIOD }), ownText: OWN_TEXT }),
  ],
};

/**
 * Art. 26 para. 2, first clause: the applicant lodges its review application with the providing department itself
 * (申请人向数据提供部门申请复核的), which verifies within 7 WD of *its* receipt and answers. The extension (para. 2,
 * English only in our source) is agreed by the data providing department. What follows the answer is the same as on
 * the platform route (local policy: the text ends with the answer).
 */
const qualityDisputeDirect: StepRule[] = [
  {
    id: 'verify-answer',
    actor: 'provider',
    role: 'provider',
    titleZh: '校核并答复申请人（直接向提供部门申请复核）',
    titleEn: 'Verify the data and answer the applicant (review applied for directly)',
    clockStartsAt: { at: 'receipt', zh: '自数据提供部门收到复核申请之日起', en: "from the providing department's receipt of the review application" },
    period: wd(7),
    periodBasis: 'law',
    extension: {
      max: wd(7),
      approvedBy: 'provider',
      basis: 'law',
      citation: citeAnhui(26, m.art26Extension, {
        reconstructed: true,
        note: '直接向提供部门申请的复核,延期由数据提供部门(其负责人)同意;条文英文机器译本为 "agreed by the data providing department or the head of the JAC big Data center platform management organization",本系统不区分部门负责人与其工作人员 / A review applied for directly is extended with the providing department\'s agreement (its head, on one reading); the system does not tell a department\'s head from its staff.',
      }),
    },
    decisions: ['explained', 'repaired'],
    reasonRequiredFor: ['explained', 'repaired'],
    citation: citeAnhui(26, m.art26Direct, { note: '第二十六条第二款前段:向数据提供部门申请复核 / Art. 26 para. 2, first clause: review applied for to the providing department.' }),
  },
  requesterResponse({ citation: citeAnhui(26, m.art26Direct, { note: NO_PERIOD }), ownText: OWN_TEXT }),
  coordinateDispute({ citation: citeAnhui(27, m.art27, { reconstructed: true, note: NO_PERIOD }), ownText: OWN_TEXT }),
];

/** Art. 27 gives no period for either step ("及时", "in a timely manner", for the consultation): both are local policy. */
const TIMELY = policyNote({
  zh: '第二十七条只要求"及时"协商一致,未规定期限',
  en: 'art. 27 requires a consensus "in a timely manner" and gives no period',
});

/**
 * Art. 27: two departments provide inconsistent data of the same category. They consult and reach a consensus; if
 * they cannot, the data resources authority at the same level handles it in coordination with the competent
 * administrative departments. The case is opened by one of the two departments (the requester) naming its own entry,
 * the other department's entry (the case's entry, so the other department is the provider) and what is
 * inconsistent.
 */
const dataInconsistency: StepRule[] = [
  {
    id: 'consultation',
    actor: 'provider',
    role: 'provider',
    titleZh: '与提出部门协商一致（同类数据不一致）',
    titleEn: 'Consult the department that raised it and reach a consensus (inconsistent data)',
    clockStartsAt: { at: 'receipt', zh: '自收到协商请求之日起', en: 'from receipt of the request to consult' },
    period: wd(10),
    periodBasis: 'policy',
    policy: {
      zh: '本办法未规定协商期限(第二十七条只要求"及时"协商一致),也未规定由哪一方记录协商结果。本地政策:被提出数据不一致的部门在10个工作日内记录协商结果(协商一致的内容或协商不成的理由)。',
      en: 'The Measures give no period for the consultation (art. 27 says only "in a timely manner") and do not say who records its outcome. Local policy: the department whose data is named records the outcome within 10 working days (what was agreed, or why no consensus was reached).',
    },
    decisions: ['consensus', 'no-agreement'],
    reasonRequiredFor: ['consensus', 'no-agreement'],
    endsOn: ['consensus'],
    citation: citeAnhui(27, m.art27, { reconstructed: true, note: TIMELY }),
  },
  {
    id: 'coordinate-decide',
    actor: 'authority',
    role: 'authority-reviewer',
    titleZh: '会同有关行政主管部门协调处理',
    titleEn: 'Coordinate and settle it with the competent administrative departments',
    clockStartsAt: { at: 'previous-step', zh: '自协商不成之日起', en: 'from the day the consultation failed' },
    period: wd(20),
    periodBasis: 'policy',
    policy: {
      zh: '本办法未规定协调处理的期限。本地政策:数据资源主管部门自协商不成之日起20个工作日内会同有关行政主管部门协调处理,并写明处理结果及会同的部门。',
      en: 'The Measures give no period for the coordination. Local policy: the data resources authority settles it with the competent administrative departments within 20 working days of the failed consultation, stating the outcome and the departments it coordinated with.',
    },
    decisions: ['coordinated'],
    reasonRequiredFor: ['coordinated'],
    branch: { after: 'consultation', on: ['no-agreement'], zh: '协商不一致', en: 'no consensus by consultation' },
    citation: citeAnhui(27, m.art27, {
      reconstructed: true,
      note: policyNote({ zh: '第二十七条未规定协调处理的期限', en: 'art. 27 gives no period for the coordination' }),
    }),
  },
];

/** 《安徽省政务数据资源管理办法》, Anhui Provincial People's Government Order No. 299, in force from 2021-03-01. */
export const anhui2021: RulePack = {
  id: 'anhui-2021',
  version: '1.3.0',
  titleZh: '安徽省政务数据资源管理办法',
  titleEn: 'Anhui Province Measures for the Administration of Government Data Resources',
  jurisdiction: 'anhui',
  inForce: { from: '2021-03-01' },
  bindable: true,
  sources: {
    zh: '安徽省人民政府令第299号,中英混杂文本;部分中文为回译释义(见各引文注)。',
    en: 'Order No. 299, a mixed Chinese/English text; part of the Chinese is paraphrased back from the English (see each citation note).',
  },
  flows: {
    ...sharing,
    'catalogue-change': [
      {
        id: 'submit-update',
        actor: 'provider',
        role: 'provider',
        titleZh: '更新本部门政务数据资源目录',
        titleEn: "Update the department's catalogue",
        clockStartsAt: { at: 'change', zh: '自变更之日起', en: 'from the day of the change' },
        period: wd(10),
        periodBasis: 'law',
        decisions: ['updated'],
        reasonRequiredFor: [],
        citation: citeAnhui(15, m.art15Update),
      },
      {
        id: 'report-update',
        actor: 'provider',
        role: 'provider',
        titleZh: '报送更新后的目录及变更依据',
        titleEn: 'Report the updated catalogue and the basis of the change',
        clockStartsAt: { at: 'submit-update', zh: '自目录更新之日起', en: 'from the update' },
        period: wd(3),
        periodBasis: 'law',
        decisions: ['reported'],
        reasonRequiredFor: [],
        citation: citeAnhui(15, m.art15Report),
      },
      {
        id: 'review-update',
        actor: 'authority',
        role: 'authority-reviewer',
        titleZh: '审核更新后的目录',
        titleEn: 'Review the updated catalogue',
        clockStartsAt: { at: 'report-update', zh: '自收到报送之日起', en: 'from receipt of the report' },
        period: wd(10),
        periodBasis: 'policy',
        policy: {
          zh: '第十五条只要求报送,第十三条规定主管部门审核汇总,均无期限。本地政策:10个工作日。',
          en: 'Art. 15 only requires the report and art. 13 has the authority review and compile, neither with a period. Local policy: 10 working days.',
        },
        decisions: ['approve', 'return'],
        reasonRequiredFor: ['return'],
        citation: citeAnhui(13, m.art13, { reconstructed: true, note: NO_PERIOD }),
      },
      correctUpdate({ citation: citeAnhui(13, m.art13, { reconstructed: true, note: NO_PERIOD }), ownText: OWN_TEXT }),
    ],
    'quality-dispute': [
      {
        id: 'verify-answer',
        actor: 'provider',
        role: 'provider',
        titleZh: '校核并答复申请人',
        titleEn: 'Verify the data and answer the applicant',
        clockStartsAt: { at: 'receipt', zh: '自收到复核申请之日起', en: 'from receipt of the review application' },
        period: wd(7),
        periodBasis: 'law',
        extension: {
          max: wd(7),
          approvedBy: 'authority',
          basis: 'law',
          citation: citeAnhui(26, m.art26Extension, {
            reconstructed: true,
            note: '条文为数据提供部门或平台管理机构负责人同意;本系统即平台,由平台管理机构(主管部门)审批 / The text names the provider or the head of the platform management organisation; requests here come through the platform, so its organisation (the authority) approves.',
          }),
        },
        decisions: ['explained', 'repaired'],
        reasonRequiredFor: ['explained', 'repaired'],
        citation: citeAnhui(26, m.art26Verify),
      },
      requesterResponse({ citation: citeAnhui(26, m.art26Verify, { note: NO_PERIOD }), ownText: OWN_TEXT }),
      coordinateDispute({ citation: citeAnhui(27, m.art27, { reconstructed: true, note: NO_PERIOD }), ownText: OWN_TEXT }),
    ],
    'quality-dispute-direct': qualityDisputeDirect,
    'data-inconsistency': dataInconsistency,
    'negative-list': [
      {
        id: 'authority-review',
        actor: 'authority',
        role: 'authority-reviewer',
        titleZh: '审核不予共享的理由和依据',
        titleEn: 'Review the reasons and legal basis for not sharing',
        clockStartsAt: { at: 'receipt', zh: '自收到申请之日起', en: 'from receipt of the application' },
        period: wd(10),
        periodBasis: 'policy',
        policy: {
          zh: '第二十二条要求说明理由并提供依据,不要求政府批准或备案,也无期限。本地政策:主管部门10个工作日内审核。',
          en: 'Art. 22 requires reasons and a legal basis, but no government approval, no filing and no period. Local policy: the authority reviews within 10 working days.',
        },
        decisions: ['approve', 'return'],
        reasonRequiredFor: ['return'],
        endsOn: ['return'],
        citation: citeAnhui(22, m.art22, { reconstructed: true, note: NO_PERIOD }),
      },
    ],
  },
  // Art. 26 para. 3 (English only in our source; the Chinese is our back-translation).
  reviewProtection: {
    zh: '复核期间,服务申请人已提供合法有效证明材料:受理单位不得以数据有异议为由拒绝、推诿办理,不得要求申请人办理数据更正手续(第二十六条第三款)。',
    en: 'During the review, the service applicant has provided legal and effective proof: the accepting unit may not refuse or shirk the matter on the ground of the disputed data, nor require the applicant to have the data corrected (art. 26 para. 3).',
    pendingStatuses: ['received', 'awaiting-verify-answer'],
    citation: citeAnhui(26, m.art26Protection, {
      reconstructed: true,
      note: '第二十六条第三款;英文照录来源的机器译本,中文为回译 / Art. 26 para. 3; the English is quoted from our machine-translated source, the Chinese is our back-translation.',
    }),
  },
  // Art. 21: no refusal without a basis in law, administrative regulation or central policy; art. 22: the same for
  // classing data conditional or not shared.
  refusalBasis: {
    decisions: ['refuse', 'uphold-refusal'],
    kinds: ['law', 'administrative-regulation', 'national-policy'],
    citation: citeAnhui(21, m.art21),
    classing: { citation: citeAnhui(22, m.art22, { reconstructed: true }) },
  },
  // Art. 15: 法律、法规、规章修改或者行政管理职能发生变化 — these two only.
  changeTriggers: { allowed: ['law-change', 'duty-change'], citation: citeAnhui(15, m.art15Update) },
  policy: packPolicy({
    rectification: citeAnhui(43, m.art43),
    governmentReport: citeAnhui(43, m.art43),
    request: citeAnhui(21, m.art21),
    ladder: {
      rectification: {
        basis: 'law',
        zh: '逾期未办理:数据资源主管部门通知限期整改(第四十三条)。',
        en: 'Overdue: the data resources authority gives notice to rectify within a time limit (art. 43).',
        citation: citeAnhui(43, m.art43),
      },
      referral: {
        basis: 'law',
        to: 'government',
        zh: '逾期未改正:上报本级人民政府(第四十三条)。',
        en: "Not corrected in time: reported to the people's government at the same level (art. 43).",
        citation: citeAnhui(43, m.art43),
      },
      governmentOrder: {
        basis: 'law',
        zh: '本级人民政府责令限期改正(第四十三条)。',
        en: "The people's government orders correction within a time limit (art. 43).",
        citation: citeAnhui(43, m.art43),
      },
      internalOversight: citeAnhui(44, m.art44, { reconstructed: true }),
    },
  }),
};
