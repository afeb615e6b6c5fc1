/** Negative-list approval (draft art. 15): no period in the text, every period is local policy. */
import { policyNote, wd } from '../../build.js';
import type { StepRule } from '../../types.js';
import { art15 } from './texts.js';
import { draftCite, type HebeiVariant } from './variant.js';

const NO_PERIOD = policyNote({ zh: '第十五条未规定期限', en: 'art. 15 gives no period' });

/** Authority review → people's government approval → filing with the upper-level authority. */
export function negativeList(v: HebeiVariant): StepRule[] {
  return [
    {
      id: 'authority-review',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '审核不予共享申请及其法律依据',
      titleEn: 'Review the not-shared application and its legal basis',
      clockStartsAt: { at: 'receipt', zh: '自收到申请之日起', en: 'from receipt of the application' },
      period: wd(10),
      periodBasis: 'policy',
      policy: {
        zh: '本地政策:主管部门自收到申请之日起10个工作日内审核;无法律、行政法规依据的予以退回。',
        en: 'Local policy: the authority reviews within 10 working days of receipt; an application without a basis in law or administrative regulation is returned.',
      },
      decisions: ['approve', 'return'],
      reasonRequiredFor: ['return'],
      endsOn: ['return'],
      citation: draftCite(v, 15, art15.negativeList, NO_PERIOD),
    },
    {
      id: 'government-approval',
      actor: 'government',
      role: 'government-approver',
      titleZh: '本级人民政府批准',
      titleEn: "Approval by the people's government at the same level",
      clockStartsAt: { at: 'authority-review', zh: '自主管部门报送之日起', en: "from the authority's report" },
      period: wd(20),
      periodBasis: 'policy',
      policy: {
        zh: '本地政策:本级人民政府自收到报送之日起20个工作日内作出批准或不批准的决定。',
        en: "Local policy: the people's government decides within 20 working days of the authority's report.",
      },
      decisions: ['approve', 'reject'],
      reasonRequiredFor: ['reject'],
      endsOn: ['reject'],
      citation: draftCite(v, 15, art15.negativeList, NO_PERIOD),
    },
    {
      id: 'record-filing',
      actor: 'upper-authority',
      // The upper-level authority records the filing; the duty to file is the same-level authority's (art. 15).
      dutyOf: 'authority',
      role: 'authority-reviewer',
      titleZh: '负面清单报上一级主管部门备案',
      titleEn: 'File the negative list with the upper-level authority',
      clockStartsAt: { at: 'government-approval', zh: '自批准列入负面清单之日起', en: 'from the approval and listing' },
      period: wd(10),
      periodBasis: 'policy',
      policy: {
        zh: '本地政策:批准列入负面清单后10个工作日内报上一级政务数据主管部门备案,由其确认备案。',
        en: 'Local policy: within 10 working days of the listing the list is filed with the upper-level authority, which records it.',
      },
      decisions: ['filed'],
      reasonRequiredFor: [],
      citation: draftCite(v, 15, art15.filing, NO_PERIOD),
    },
  ];
}
