/** Data-quality disputes under the Hebei Measures (draft art. 20). */
import { policyNote, wd } from '../../build.js';
import type { StepRule } from '../../types.js';
import { coordinateDispute, requesterResponse } from '../common-steps.js';
import { art20 } from './texts.js';
import { DRAFT_BASIS, HEBEI_OWN_TEXT, draftCite, type HebeiVariant } from './variant.js';

const AFTER_ANSWER_NOTE = policyNote({
  zh: '第二十条止于提供部门反馈校核结果;其后的确认与协调为本地政策',
  en: "art. 20 ends with the provider's answer; the requester's response and the coordination are local policy",
});

/** Forward (3 WD), verify and answer (10 WD, +≤10 WD), then the requester's response and, on objection, coordination. */
export function qualityDispute(v: HebeiVariant): StepRule[] {
  return [
    {
      id: 'forward-dispute',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '将校核申请转至提供部门',
      titleEn: 'Forward the verification request to the provider',
      clockStartsAt: { at: 'receipt', zh: '自收到校核申请之日起', en: 'from receipt of the verification request' },
      period: wd(3),
      periodBasis: DRAFT_BASIS,
      decisions: ['forward'],
      reasonRequiredFor: [],
      citation: draftCite(v, 20, art20.forward),
    },
    {
      id: 'verify-answer',
      actor: 'provider',
      role: 'provider',
      titleZh: '校核并释明或修复数据',
      titleEn: 'Verify the data, then explain or repair it, and answer',
      clockStartsAt: { at: 'forward-dispute', zh: '自收到转来的校核申请之日起', en: 'from receipt of the forwarded request' },
      period: wd(10),
      periodBasis: DRAFT_BASIS,
      extension: { max: wd(10), approvedBy: 'authority', basis: DRAFT_BASIS, citation: draftCite(v, 20, art20.extension) },
      decisions: ['explained', 'repaired'],
      reasonRequiredFor: ['explained', 'repaired'],
      citation: draftCite(v, 20, art20.verify),
    },
    requesterResponse({ citation: draftCite(v, 20, art20.verify, AFTER_ANSWER_NOTE), ownText: HEBEI_OWN_TEXT }),
    coordinateDispute({ citation: draftCite(v, 20, art20.verify, AFTER_ANSWER_NOTE), ownText: HEBEI_OWN_TEXT }),
  ];
}
