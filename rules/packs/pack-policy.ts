/** The pack-wide local policies, the same defaults in every pack, each cited to the pack's supervision articles. */
import type { Citation } from '../citation.js';
import { wd } from '../build.js';
import type { PackPolicy } from '../types.js';

/** The articles a pack's escalation ladder and returns rest on. */
export interface PackPolicyCitations {
  /** Supervision / urging rectification (e.g. Anhui art. 43, Hebei draft art. 39). */
  rectification: Citation;
  /** Report to the people's government / order to correct (Anhui art. 43, Hebei draft art. 41). */
  governmentReport: Citation;
  /** Requirements of a complete request (application scenario, materials). */
  request: Citation;
}

/** Builds the default {@link PackPolicy}. */
export function packPolicy(c: PackPolicyCitations): PackPolicy {
  return {
    escalation: {
      reminderBefore: {
        value: wd(1),
        basis: 'policy',
        zh: '到期前1个工作日(到期日零时)提醒责任部门。',
        en: 'Remind the responsible department 1 working day before the due instant (at 00:00 of the due day).',
        citation: c.rectification,
      },
      overdue: {
        zh: '到期(到期日24时)仍未办结的,向责任部门及主管部门督办人员发出逾期通知。',
        en: "At the due instant (24:00 of the due day) an overdue notice goes to the responsible department and the authority's supervisor.",
        citation: c.rectification,
      },
      rectificationGrace: {
        value: wd(2),
        basis: 'policy',
        zh: '逾期后2个工作日仍未办结的,主管部门发出限期整改通知。',
        en: 'Still not done 2 working days after the due date: the authority issues a rectification notice with a time limit.',
        citation: c.rectification,
      },
      rectificationTimeLimit: {
        value: wd(5),
        basis: 'policy',
        zh: '整改期限为自通知之日起5个工作日。',
        en: 'The rectification time limit is 5 working days from the notice.',
        citation: c.rectification,
      },
      governmentReport: {
        zh: '整改期限届满仍未改正的,上报本级人民政府。',
        en: "Not corrected when the rectification time limit ends: reported to the people's government at the same level.",
        citation: c.governmentReport,
      },
    },
    returnForCompletion: {
      maxReturns: {
        value: 1,
        basis: 'policy',
        zh: '不完整的共享申请可退回补正一次。',
        en: 'An incomplete share request may be returned for completion once.',
        citation: c.request,
      },
      clockRestart: {
        zh: '补正后的申请,期限自收到补正后申请之日起重新计算。',
        en: 'After completion the period runs afresh from receipt of the completed request.',
      },
    },
  };
}
