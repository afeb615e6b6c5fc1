/**
 * Wording of the Hebei Measures: the 2022-08-12 consultation draft (seeds/002, Chinese, quoted; English ours) and the
 * Hebei Daily summary of the promulgated 2023 text (seeds/001 Chinese, seeds/000 English, quoted).
 */
import type { Bilingual } from '../../types.js';

/** Draft art. 11: catalogue change. */
export const art11 = {
  update: {
    zh: '因法律法规调整或者职责变化导致目录发生变化的,政务部门应当自变化之日起10个工作日完成更新并报送同级政务数据主管部门审核。',
    en: 'Where the catalogue changes because laws or regulations are adjusted or duties change, the department completes the update within 10 working days of the change and submits it to the competent authority at the same level for review.',
  },
  extension: {
    zh: '因特殊原因需要延长更新工作期限的,经同级政务数据主管部门同意,可以延长20个工作日。',
    en: 'Where the update period must be extended for special reasons, it may be extended by 20 working days with the consent of the competent authority at the same level.',
  },
  review: {
    zh: '同级政务数据共享主管部门应当自收到更新后的数据目录10个工作日内完成审核。',
    en: 'The competent authority at the same level completes its review within 10 working days of receiving the updated catalogue.',
  },
} as const satisfies Record<string, Bilingual>;

/** Hebei Daily 2022-11-22 summary of the promulgated Measures: catalogue change. */
export const news = {
  update: {
    zh: '因法律法规调整或者职责变化等原因导致目录发生变化的,政务部门应当自变化之日起十个工作日内完成更新并报送同级政务数据共享工作主管部门审核',
    en: 'If the directory changes due to the adjustment of laws and regulations or the change of duties, the government affairs department shall complete the update within ten working days from the date of change and submit it to the competent government affairs data sharing department at the same level for review.',
  },
  extension: {
    zh: '因特殊原因需要延长更新期限的,经同级政务数据共享工作主管部门同意,可以延长十个工作日。',
    en: 'If the update period needs to be extended for special reasons, it can be extended for ten working days with the consent of the competent government affairs data sharing department at the same level.',
  },
} as const satisfies Record<string, Bilingual>;

/** Draft art. 15: sharing attributes and the negative list. */
export const art15 = {
  negativeList: {
    zh: '政务部门将政务数据共享属性列入不予共享类的,应当向政务数据主管部门提交申请,由政务数据主管部门审核并报本级人民政府批准后列入负面清单。',
    en: "A department that classes data as not shared applies to the competent authority, which reviews the application and reports it to the people's government at the same level; once approved, the data goes on the negative list.",
  },
  filing: {
    zh: '负面清单应当报上一级政务数据主管部门备案。',
    en: 'The negative list is filed with the upper-level competent authority for the record.',
  },
} as const satisfies Record<string, Bilingual>;

/** Draft art. 21: cross-level and cross-region sharing (【跨层级、跨地区共享】). */
export const art21 = {
  national: {
    zh: '政务部门需要共享国务院有关部门相关政务数据的,由省政务数据主管部门协调获取。',
    en: 'Where a department needs data of the relevant departments of the State Council, the provincial competent authority coordinates obtaining it.',
  },
  crossLevel: {
    zh: '设区的市、县(市、区)政务部门需要共享本省行政区域内跨层级、跨地区政务数据的,应当通过本级政务数据主管部门向上一级政务数据主管部门申请获取。',
    en: 'A department of a districted city or of a county (county-level city, district) that needs data of another level or another region within this province applies for it to the upper-level competent authority through the competent authority at its own level.',
  },
} as const satisfies Record<string, Bilingual>;

/** Draft art. 19: share requests. */
export const art19 = {
  noRefusal: {
    zh: '除法律、法规或者国家政策另有规定外,政务部门不得拒绝其他政务部门的政务数据共享需求。',
    en: 'Save where a law, a regulation or national policy provides otherwise, a department may not refuse another department’s need to share government data.',
  },
  request: {
    zh: '需要共享使用其他政务部门政务数据的政务部门,应当通过省一体化政务大数据体系提出共享申请,申请应当明确政务数据的应用场景。',
    en: "A department needing another department's data submits a share request through the provincial integrated government big-data system; the request must state the application scenario.",
  },
  unconditional: {
    zh: '申请共享的数据属于无条件共享类的,政务数据主管部门在收到申请3个工作日内直接提供数据。',
    en: 'Where the requested data is unconditionally shared, the competent authority provides it directly within 3 working days of receiving the request.',
  },
  forward: {
    zh: '申请共享的数据属于有条件共享类的,政务数据主管部门在收到申请3个工作日内审核后转至政务数据提供部门',
    en: 'Where the requested data is conditionally shared, the competent authority reviews the request and forwards it to the providing department within 3 working days of receiving it',
  },
  reply: {
    zh: '政务数据提供部门应当于5个工作日内向政务数据主管部门作出回复。……不同意共享的,政务数据提供部门应当向政务数据主管部门说明不予共享的理由。',
    en: 'the providing department replies to the competent authority within 5 working days. … Where it does not agree to share, it states its reasons to the competent authority.',
  },
  provide: {
    zh: '同意共享的,由政务数据主管部门自收到回复之日起3个工作日内向政务数据需求部门提供数据',
    en: 'Where sharing is agreed, the competent authority provides the data to the requesting department within 3 working days of receiving the reply',
  },
  objection: {
    zh: '政务数据需求部门对不予共享回复持有异议时,可以向本级政务数据主管部门提出异议申请,政务数据主管部门应当进行协调并作出处理结论。',
    en: 'A requesting department that disagrees with a refusal may file an objection with the competent authority at the same level, which coordinates and reaches a decision.',
  },
} as const satisfies Record<string, Bilingual>;

/** Draft art. 20: data-quality disputes. */
export const art20 = {
  forward: {
    zh: '政务数据需求部门对共享的政务数据质量有疑义的,可以向本级政务数据主管部门提出校核申请。政务数据主管部门应当自收到校核申请之日起3个工作日内将校核申请转至政务数据提供部门',
    en: 'A requesting department that doubts the quality of shared data may apply to the competent authority at the same level for verification; the authority forwards the application to the providing department within 3 working days of receiving it',
  },
  verify: {
    zh: '政务数据提供部门应当在10个工作日内反馈校核结果,对有疑义或者错误的政务数据进行释明或者修复。',
    en: 'the providing department reports the result within 10 working days, explaining or repairing the doubtful or erroneous data.',
  },
  extension: {
    zh: '需延长校核期限的,应当报经政务数据主管部门同意延长校核,延长期限不超过10个工作日。',
    en: "Where the verification period needs extending, the competent authority's consent is required; the extension may not exceed 10 working days.",
  },
} as const satisfies Record<string, Bilingual>;

/** Draft art. 39 and 41: supervision and liability. */
export const supervision = {
  art39: {
    zh: '政务数据主管部门应当对政务部门的政务数据共享应用工作进行指导和监督检查,对未按要求开展工作的政务部门予以督促整改,情节严重的给予通报批评。',
    en: 'The competent authority guides, supervises and inspects the departments’ data sharing work, urges departments that do not work as required to rectify, and in serious cases criticises them in a circular.',
  },
  art40: {
    zh: '政务数据主管部门及其工作人员违反本办法,不依法履行职责,或者滥用职权、玩忽职守、徇私舞弊的,对直接负责的主管人员和其他直接责任人员依法予以处分。',
    en: 'Where the competent authority or its staff violate these Measures and fail to perform their duties according to law, the persons directly in charge and other directly responsible persons are sanctioned according to law.',
  },
  art41: {
    zh: '政务部门不履行本办法规定的义务,有以下情形之一的,由本级人民政府或者上一级政务部门责令改正:……(三)未按本办法规定受理政务数据共享申请,不及时提供政务数据共享的',
    en: "Where a department fails its duties under these Measures, e.g. does not accept share requests as required or does not provide shared data in time, the people's government at the same level or the department above orders correction.",
  },
} as const satisfies Record<string, Bilingual>;
