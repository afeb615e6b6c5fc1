/**
 * Wording of the Hebei Provisions of 2016 (河北省政务信息资源共享管理规定). Our only source is an English machine
 * translation (seeds/003): the English is quoted from it; the Chinese is our paraphrase back from it, not the original.
 */
import { cite } from '../../build.js';
import type { Citation } from '../../citation.js';
import type { Bilingual } from '../../types.js';

/** Says that the Chinese is reconstructed. */
export const ZH_RECONSTRUCTED =
  '中文系据英文机器译本回译的释义,非原文 / Chinese paraphrased back from the English machine translation; the original Chinese is not in our sources.';

/** The text that is silent on a period: the Provisions, not the whole of the law. */
export const OWN_TEXT_2016 = { zh: '本规定', en: 'the Provisions', plural: true };

/** Cites an article of the 2016 Provisions; `note` is appended to the reconstruction notice. */
export function cite2016(art: number, text: Bilingual, note?: string): Citation {
  return { ...cite('hebei-2016', `第${art}条 (art. ${art})`, text, [ZH_RECONSTRUCTED, note].filter(Boolean).join(' ')), zhBackTranslated: true };
}

/** The quoted / paraphrased articles. */
export const provisions = {
  art11: {
    zh: '部门因机构改革或者法定职责调整等事项,需要变更政务信息资源目录内容的,应当将更新后的政务信息资源目录报信息共享主管部门备案。',
    en: 'Departments for matters of institutional reform or adjustment of statutory duties, need to change the content of the e-government information resources directory, updated list of e-government information resources should be submitted to information sharing authority record.',
  },
  art12: {
    zh: '纳入政务信息资源目录管理的政务信息资源,除依法应当保密的外,应当通过共享平台无偿提供给有需要的部门和单位共享,并保证准确、完整、及时。',
    en: 'Government information resources managed in the catalogue system, other than those to be kept confidential by law, are provided free through the sharing platform to the departments and units that need them, accurately, completely and in time.',
  },
  art12NoRefusal: {
    zh: '无法定事由,部门和单位不得拒绝提供政务信息资源。',
    en: 'Non-statutory subject matter, departments and units may not refuse to provide e-government information resources.',
  },
  art13Consult: {
    zh: '政务信息资源共享需求部门和单位应当根据履行职责需要,与政务信息资源提供部门和单位协商,确定具体共享内容。双方协商一致的,由共享平台运行维护管理单位实施共享内容授权,通过共享平台进行信息共享。',
    en: 'e-government information resource sharing needs of departments and units should perform their duties according to need consultations with the Government information resources unit, determine the specific shared content. Both parties agree through consultation, … operation and maintenance of shared platform management unit implemented as shared content licensing, a shared platform for information sharing.',
  },
  art13Apply: {
    zh: '协商不能达成一致的,政务信息资源共享需求部门和单位应当向同级信息共享主管部门提出共享申请。',
    en: 'Consultations the two sides could not agree, Government information resource sharing needs of departments and units should be to share an application level information sharing authority.',
  },
  art13Explain: {
    zh: '信息共享主管部门收到申请后,应当要求政务信息资源提供部门和单位在15日内书面说明理由。',
    en: 'Information sharing authority of receipt of the application, e-government information resources should be required to provide written about in the 15th and why.',
  },
  art13Coordinate: {
    zh: '信息共享主管部门在收到说明后30日内,会同政务信息资源提供、需求部门和单位协调确定共享内容。',
    en: 'Information sharing authority after receiving instructions of 30th and provision of e-government information resources, demand units coordinating to determine the shared content.',
  },
  art13Joint: {
    zh: '协调仍不能达成一致的,由信息共享主管部门会同机构编制、保密等有关部门协商确定共享相关事项。',
    en: 'Coordinated consensus still cannot be reached, competent departments shall, in conjunction with the establishment of information sharing, confidentiality, and other relevant departments, consultation to determine matters related to share.',
  },
  art16: {
    zh: '部门和单位对获取的共享政务信息资源的准确性、完整性和及时性有疑义的,应当告知政务信息资源提供部门和单位,协商修正相关内容。',
    en: 'sharing e-government information resources for departments to get the accuracy of the content, completeness and timeliness of doubt, departments and units should be informed to provide the e-government information resources, consultations to amend the relevant content.',
  },
  art21: {
    zh: '信息共享主管部门会同监察机关对政务信息资源共享工作进行监督检查,定期向本级人民政府报告;发现问题的,督促有关部门和单位整改;拒不整改的,予以通报批评。',
    en: "information sharing authority with supervisory organs to supervise and inspect the work of Government information resource sharing, periodic reporting to the the people's Governments at the corresponding level … Problems found, and urge the relevant departments and units of the rectification; refusing to rectification … informed criticism.",
  },
  art22: {
    zh: '信息共享主管部门及其他部门和单位有下列行为之一的,由上级行政机关或者有关主管部门责令改正:……(四)未按规定通过共享平台无偿提供政务信息资源的。',
    en: 'information sharing authority, one of the other departments and their staff to any of the following acts, by the superior administrative authority or the competent authority shall order rectification: … (D) is not shared by sharing platforms provided free by the regulation of e-government information resources',
  },
} as const satisfies Record<string, Bilingual>;
