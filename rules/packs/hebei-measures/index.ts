/** The `hebei-2023` and `hebei-2022-draft` packs. */
import type { RulePack } from '../../types.js';
import { packPolicy } from '../pack-policy.js';
import { catalogueChange } from './catalogue.js';
import { negativeList } from './negative-list.js';
import { qualityDispute } from './quality.js';
import { conditionalShare, unconditionalShare } from './sharing.js';
import { art19, supervision } from './texts.js';
import { draftCite, type HebeiVariant } from './variant.js';

function flows(v: HebeiVariant): RulePack['flows'] {
  return {
    'unconditional-share': unconditionalShare(v),
    'conditional-share': conditionalShare(v),
    'catalogue-change': catalogueChange(v),
    'quality-dispute': qualityDispute(v),
    'negative-list': negativeList(v),
  };
}

function policy(v: HebeiVariant): RulePack['policy'] {
  return packPolicy({
    rectification: draftCite(v, 39, supervision.art39),
    governmentReport: draftCite(v, 41, supervision.art41),
    request: draftCite(v, 19, art19.request),
  });
}

/** 《河北省政务数据共享应用管理办法》, provincial government order, in force from 2023-01-01. */
export const hebei2023: RulePack = {
  id: 'hebei-2023',
  version: '1.0.0',
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
};

/** The 2022-08-12 consultation draft of the same Measures: never in force, for comparison only. */
export const hebei2022Draft: RulePack = {
  id: 'hebei-2022-draft',
  version: '1.0.0',
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
};
