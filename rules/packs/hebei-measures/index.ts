/** The `hebei-2023` and `hebei-2022-draft` packs. */
import type { RulePack } from '../../types.js';
import { packPolicy } from '../pack-policy.js';
import { catalogueChange } from './catalogue.js';
import { negativeList } from './negative-list.js';
import { qualityDispute } from './quality.js';
import { conditionalShare, crossLevelConditionalShare, crossLevelUnconditionalShare, unconditionalShare } from './sharing.js';
import { art11, art19, news, supervision } from './texts.js';
import { DRAFT_BASIS, draftCite, newsCite, type HebeiVariant } from './variant.js';

/** The wording of the Hebei measures (draft art. 39, 41). */
const MEASURES = {
  rectification: {
    zh: '未按要求办理:主管部门督促限期整改(第三十九条)。',
    en: 'Not done as required: the authority urges rectification within a time limit (art. 39).',
  },
  criticism: {
    zh: '整改期限届满仍未整改:给予通报批评(第三十九条)。',
    en: 'Not rectified within the time limit: criticised in a circular (art. 39).',
  },
  referral: {
    zh: '整改期限届满仍未改正:报告本级人民政府,由其责令改正(第四十一条:本级人民政府或者上一级政务部门责令改正)。',
    en: "Not corrected within the time limit: reported to the people's government at the same level, to order correction (art. 41: the government or the department above orders correction).",
  },
  order: {
    zh: '本级人民政府责令改正(第四十一条)。',
    en: "The people's government orders correction (art. 41).",
  },
};

function flows(v: HebeiVariant): RulePack['flows'] {
  return {
    'unconditional-share': unconditionalShare(v),
    'conditional-share': conditionalShare(v),
    'catalogue-change': catalogueChange(v),
    'quality-dispute': qualityDispute(v),
    'negative-list': negativeList(v),
    'cross-level-unconditional-share': crossLevelUnconditionalShare(v),
    'cross-level-conditional-share': crossLevelConditionalShare(v),
  };
}

/** Draft art. 19: no refusal save where a law, a regulation (法规: administrative or local) or national policy provides. */
function refusalBasis(v: HebeiVariant): RulePack['refusalBasis'] {
  return {
    decisions: ['refuse', 'uphold-refusal'],
    kinds: ['law', 'administrative-regulation', 'local-regulation', 'national-policy'],
    citation: draftCite(v, 19, art19.noRefusal),
  };
}

function policy(v: HebeiVariant): RulePack['policy'] {
  return packPolicy({
    rectification: draftCite(v, 39, supervision.art39),
    governmentReport: draftCite(v, 41, supervision.art41),
    request: draftCite(v, 19, art19.request),
    ladder: {
      rectification: { ...MEASURES.rectification, basis: DRAFT_BASIS, citation: draftCite(v, 39, supervision.art39) },
      circularCriticism: {
        ...MEASURES.criticism,
        basis: DRAFT_BASIS,
        citation: draftCite(v, 39, supervision.art39),
        trigger: {
          basis: 'policy',
          zh: '本地政策:整改期限届满仍未整改的,视为第三十九条所称"情节严重"。',
          en: 'Local policy: not rectified when the time limit ends is taken as the "serious case" of art. 39.',
        },
      },
      referral: { ...MEASURES.referral, basis: DRAFT_BASIS, to: 'government', citation: draftCite(v, 41, supervision.art41) },
      governmentOrder: { ...MEASURES.order, basis: DRAFT_BASIS, citation: draftCite(v, 41, supervision.art41) },
      internalOversight: draftCite(v, 40, supervision.art40),
    },
  });
}

/** 《河北省政务数据共享应用管理办法》, provincial government order, in force from 2023-01-01. */
export const hebei2023: RulePack = {
  id: 'hebei-2023',
  version: '1.3.0',
  titleZh: '河北省政务数据共享应用管理办法',
  titleEn: 'Hebei Province Measures for the Administration of Government Affairs Data Sharing and Application',
  jurisdiction: 'hebei',
  inForce: { from: '2023-01-01' },
  bindable: true,
  sources: {
    zh: '我方仅有河北日报对颁布文本的中英文报道(目录更新10+10个工作日);其余数字取自2022年征求意见稿,标为 draft。',
    en: 'Our sources hold only the Hebei Daily summary of the promulgated text (catalogue update 10 + 10 WD); every other figure is taken from the 2022 consultation draft and marked `draft`.',
  },
  flows: flows('hebei-2023'),
  policy: policy('hebei-2023'),
  refusalBasis: refusalBasis('hebei-2023'),
  // 因法律法规调整或者职责变化等原因: an open list.
  changeTriggers: { allowed: ['law-change', 'duty-change', 'institutional-reform', 'other'], citation: newsCite(news.update) },
};

/** The 2022-08-12 consultation draft of the same Measures: never in force, for comparison only. */
export const hebei2022Draft: RulePack = {
  id: 'hebei-2022-draft',
  version: '1.3.0',
  titleZh: '河北省政务数据共享应用管理办法(征求意见稿)',
  titleEn: 'Hebei Province Measures for the Administration of Government Affairs Data Sharing and Application (consultation draft)',
  jurisdiction: 'hebei',
  inForce: null,
  bindable: false,
  sources: {
    zh: '河北省司法厅2022年8月12日公开征求意见的全文(45条)。从未施行,仅供对比,不会自动适用。',
    en: 'Full text (45 articles) published for consultation by the Hebei Department of Justice on 2022-08-12. Never in force; selectable for comparison, never bound automatically.',
  },
  flows: flows('hebei-2022-draft'),
  policy: policy('hebei-2022-draft'),
  refusalBasis: refusalBasis('hebei-2022-draft'),
  // Art. 11: 因法律法规调整或者职责变化 — these two only.
  changeTriggers: { allowed: ['law-change', 'duty-change'], citation: draftCite('hebei-2022-draft', 11, art11.update) },
};
