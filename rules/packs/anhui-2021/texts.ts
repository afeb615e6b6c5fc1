/**
 * Wording of the Anhui Measures (安徽省政务数据资源管理办法, Order No. 299). Our source (seeds/004) mixes the Chinese
 * original and an English machine translation: where the Chinese is in it, it is quoted; elsewhere the Chinese is our
 * paraphrase back from the English (the citation's note says so). English is quoted or ours.
 */
import { cite } from '../../build.js';
import type { Citation } from '../../citation.js';
import type { Bilingual } from '../../types.js';

const ZH_RECONSTRUCTED =
  '部分中文系据英文机器译本回译的释义 / Part of the Chinese is paraphrased back from the English machine translation.';

/** Cites an article; `reconstructed` marks Chinese we paraphrased; `note` is appended. */
export function citeAnhui(art: number, text: Bilingual, opts: { reconstructed?: boolean; note?: string } = {}): Citation {
  const notes = [opts.reconstructed ? ZH_RECONSTRUCTED : undefined, opts.note].filter(Boolean).join(' ');
  const c = cite('anhui-2021', `第${art}条 (art. ${art})`, text, notes || undefined);
  return opts.reconstructed ? { ...c, zhBackTranslated: true } : c;
}

/** The quoted / paraphrased articles. */
export const measures = {
  art13: {
    zh: '省人民政府数据资源主管部门负责提出政务数据资源目录编制要求,组织协调省政务部门和设区的市开展目录编制工作,审核汇总后形成全省统一的政务数据资源目录。',
    en: 'The data resource department of the provincial people’s government … organizes and coordinates the compilation of the catalog, forming a unified provincial government data resource catalog after reviewing and summarizing.',
  },
  art15Update: {
    zh: '政务部门履行职责所依据的法律、法规、规章修改或者行政管理职能发生变化,本部门政务数据资源目录需要变更的,应当自变更之日起10个工作日内更新本部门政务数据资源目录',
    en: "Where the laws, regulations or rules a department's duties rest on are amended, or its administrative functions change, and its catalogue must change, it updates its catalogue within 10 working days of the change",
  },
  art15Report: {
    zh: '并在3个工作日内将更新后的政务数据资源目录及变更依据等,报送本级人民政府数据资源主管部门。',
    en: "and within 3 working days reports the updated catalogue and the basis of the change to the data resources authority of the people's government at the same level.",
  },
  art21: {
    zh: '没有法律、行政法规或者党中央、国务院政策依据,不得拒绝其他部门提出的共享申请。……申请共享的政务数据,应当明确共享政务数据的应用场景。',
    en: "A share request from another department may not be refused without a basis in law, administrative regulation, or policy of the Party Central Committee and the State Council. … A share request must state the application scenario.",
  },
  art22: {
    zh: '政务部门将政务数据列为有条件共享或者不予共享的,应当说明理由,并提供相应的法律、行政法规或者党中央、国务院政策依据。',
    en: 'Where the government affairs department lists the government affairs data as conditionally shared or not shared, it shall explain the reasons and provide the corresponding laws, administrative regulations or the policy basis of the Party Central Committee and The State Council',
  },
  art24: {
    zh: '政务部门注册可以共享的政务数据资源时,应当提出申请共享政务数据所需的全部材料名录。',
    en: 'When registering shareable data, a department lists all the materials a share request must include.',
  },
  art25Unconditional: {
    zh: '属于无条件共享的,政务部门可以通过江淮大数据中心平台直接获取',
    en: 'It belongs to unconditional sharing, and the government departments can directly obtain it through the JAC big data center platform',
  },
  art25Conditional: {
    zh: '属于有条件共享的,其他政务部门应当自收到申请之日起7个工作日内予以答复。不予共享的,应当说明理由。',
    en: 'Where sharing is conditional, other government departments shall reply within 7 working days from the date of receipt of the application. A refusal must state its reasons.',
  },
  art26Verify: {
    zh: '申请人向江淮大数据中心平台申请复核的,江淮大数据中心平台管理机构应当组织数据提供部门进行校核,数据提供部门应当自收到复核申请之日起7个工作日内进行校核,并答复申请人。',
    en: 'Where the applicant applies for review through the Jianghuai big-data centre platform, the platform management organisation has the providing department verify the data; the providing department verifies within 7 working days of receiving the review application and answers the applicant.',
  },
  art26Direct: {
    zh: '申请人向数据提供部门申请复核的,数据提供部门应当自收到复核申请之日起7个工作日内进行校核,并答复申请人',
    en: 'Where the applicant applies to the providing department for review, the providing department verifies the data within 7 working days of receiving the review application and answers the applicant.',
  },
  art26Protection: {
    zh: '数据复核期间,自然人、法人和非法人组织申请办理相关审批或者服务事项,已提供合法有效证明材料的,受理单位不得以数据有异议为由拒绝、推诿办理,不得要求申请人办理数据更正手续。',
    en: 'During the data review period, natural persons, legal persons and unincorporated organizations apply for relevant approval or service matters, and have provided legal and effective certification materials, the accepting unit shall not refuse to review the data on the grounds of denial, evasion, and shall not require the applicant to go through the data correction procedures',
  },
  art26Extension: {
    zh: '需要延长复核期限的,应当经数据提供部门或者江淮大数据中心平台管理机构负责人同意,延长期限不得超过7个工作日。',
    en: 'If the review period needs to be extended, it shall be agreed by the data providing department or the head of the JAC big Data center platform management organization, and the extension period shall not exceed 7 working days',
  },
  art27: {
    zh: '不同政务部门提供的同类政务数据不一致的,相关部门应当及时协商一致;协商不一致的,由本级人民政府数据资源主管部门会同有关行政主管部门协调处理。',
    en: 'Where departments provide inconsistent data of the same category, they reach a consensus by consultation; failing that, the data resources authority at the same level handles it in coordination with the administrative departments concerned.',
  },
  art44: {
    zh: '政务部门及其工作人员……在履行职责中玩忽职守、滥用职权、徇私舞弊,未构成犯罪的,依法给予处分',
    en: 'Government departments and their staff who neglect their duties, abuse their power or engage in malpractice in performing their duties are sanctioned according to law.',
  },
  art43: {
    zh: '政务部门……有下列行为之一的,由本级人民政府数据资源主管部门通知限期整改;逾期未改正的,上报本级人民政府,由本级人民政府责令限期改正:……(四)拒绝、推诿归集或者共享政务数据的;(五)未按照规定更新或者复核政务数据的',
    en: "Where a department … refuses or shirks sharing data, or does not update or review data as required, the data resources authority gives notice to rectify within a time limit; if not corrected in time, it reports to the people's government at the same level, which orders correction within a time limit.",
  },
} as const satisfies Record<string, Bilingual>;
