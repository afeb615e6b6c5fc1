/** The `hebei-2016` pack. */
import { policyNote, wd } from '../../build.js';
import type { RulePack } from '../../types.js';
import { coordinateDispute, requesterResponse } from '../common-steps.js';
import { packPolicy } from '../pack-policy.js';
import { conditionalShare, unconditionalShare } from './sharing.js';
import { OWN_TEXT_2016, cite2016, provisions as p } from './texts.js';

const NO_PERIOD = policyNote({ zh: '2016年规定未规定期限', en: 'the 2016 Provisions give no period' });

/** 《河北省政务信息资源共享管理规定》, in force 2016-01-01, replaced by the 2023 Measures. */
export const hebei2016: RulePack = {
  id: 'hebei-2016',
  version: '1.2.0',
  titleZh: '河北省政务信息资源共享管理规定',
  titleEn: 'Hebei Province Provisions on the Administration of Government Information Resource Sharing',
  jurisdiction: 'hebei',
  inForce: { from: '2016-01-01', to: '2022-12-31' },
  bindable: true,
  sources: {
    zh: '我方仅有英文机器译本;中文引文系回译释义。无负面清单程序。',
    en: 'Our only source is an English machine translation; the Chinese wording is paraphrased back from it. The text has no negative-list procedure.',
  },
  flows: {
    'unconditional-share': unconditionalShare(),
    'conditional-share': conditionalShare(),
    'catalogue-change': [
      {
        id: 'submit-update',
        actor: 'provider',
        role: 'provider',
        titleZh: '更新目录并报备案',
        titleEn: 'Update the catalogue and submit it for the record',
        clockStartsAt: { at: 'change', zh: '自机构改革或职责调整之日起', en: 'from the reform or change of duties' },
        period: wd(10),
        periodBasis: 'policy',
        policy: {
          zh: '第十一条只要求报备案,未规定期限。本地政策:10个工作日,比照后来的办法。',
          en: 'Art. 11 requires filing for the record but gives no period. Local policy: 10 working days, as in the later Measures.',
        },
        decisions: ['submitted'],
        reasonRequiredFor: [],
        citation: cite2016(11, p.art11, NO_PERIOD),
      },
    ],
    'quality-dispute': [
      {
        id: 'verify-answer',
        actor: 'provider',
        role: 'provider',
        titleZh: '协商修正数据并答复',
        titleEn: 'Consult, amend the data and answer',
        clockStartsAt: { at: 'receipt', zh: '自被告知之日起', en: 'from being informed' },
        period: wd(10),
        periodBasis: 'policy',
        policy: {
          zh: '第十六条只要求告知提供部门并协商修正,未规定期限。本地政策:10个工作日。',
          en: 'Art. 16 only requires informing the provider and amending by consultation. Local policy: 10 working days.',
        },
        decisions: ['explained', 'repaired'],
        reasonRequiredFor: ['explained', 'repaired'],
        citation: cite2016(16, p.art16, NO_PERIOD),
      },
      requesterResponse({ citation: cite2016(16, p.art16, NO_PERIOD), ownText: OWN_TEXT_2016 }),
      coordinateDispute({ citation: cite2016(21, p.art21, NO_PERIOD), ownText: OWN_TEXT_2016 }),
    ],
  },
  // Art. 12: no refusal without a statutory ground (法定事由): a law or a regulation, not policy.
  refusalBasis: {
    decisions: ['no-agreement', 'uphold-refusal'],
    kinds: ['law', 'administrative-regulation', 'local-regulation'],
    citation: cite2016(12, p.art12NoRefusal),
  },
  // Art. 11: 机构改革或者法定职责调整等事项 — an open list.
  changeTriggers: { allowed: ['institutional-reform', 'duty-change', 'law-change', 'other'], citation: cite2016(11, p.art11) },
  policy: packPolicy({
    rectification: cite2016(21, p.art21),
    governmentReport: cite2016(22, p.art22),
    request: cite2016(13, p.art13Consult),
    ladder: {
      rectification: {
        basis: 'law',
        zh: '发现问题的,信息共享主管部门督促整改(第21条)。',
        en: 'Problems found: the information sharing authority urges rectification (art. 21).',
        citation: cite2016(21, p.art21),
      },
      circularCriticism: {
        basis: 'law',
        zh: '拒不整改的,予以通报批评(第21条)。',
        en: 'Refusing to rectify: criticised in a circular (art. 21).',
        citation: cite2016(21, p.art21),
      },
      referral: {
        basis: 'law',
        to: 'competent-authority',
        zh: '由上级行政机关或者有关主管部门责令改正(第22条);本系统由信息共享主管部门作为主管部门责令改正,并抄送其督办人员。',
        en: 'The superior administrative authority or the competent authority orders rectification (art. 22); here the information sharing authority orders it as the competent authority, copied to its supervisor.',
        citation: cite2016(22, p.art22),
      },
      internalOversight: cite2016(22, p.art22),
    },
  }),
};
