/** The pack-wide local policies, the same defaults in every pack, each cited to the pack's supervision articles. */
import type { Citation } from '../citation.js';
import { wd } from '../build.js';
import type { LadderMeasure, LadderPolicy, PackPolicy } from '../types.js';

/** The articles a pack's escalation ladder and returns rest on. */
export interface PackPolicyCitations {
  /** Supervision / urging rectification (e.g. Anhui art. 43, Hebei draft art. 39). */
  rectification: Citation;
  /** Report to the people's government / order to correct (Anhui art. 43, Hebei draft art. 41). */
  governmentReport: Citation;
  /** Requirements of a complete request (application scenario, materials). */
  request: Citation;
  /** The measures this text gives (see {@link LadderPolicy}). */
  ladder: PackLadder;
}

/** What a pack's text says about supervising departments and overseeing the authority. */
export interface PackLadder {
  rectification: LadderMeasure;
  circularCriticism?: LadderPolicy['circularCriticism'];
  referral: LadderPolicy['referral'];
  /** The government's order to correct; its period for issuing it is local policy (10 WD). */
  governmentOrder?: LadderMeasure;
  /** The article the authority's own accountability rests on. */
  internalOversight: Citation;
}

function ladderPolicy(l: PackLadder): LadderPolicy {
  return {
    superviseLocalPolicyPeriods: {
      value: false,
      basis: 'policy',
      zh: '期限为本地政策的步骤,逾期只发提醒和逾期通知,不限期整改、不上报:法律未设定的期限,未遵守不构成违法。',
      en: 'A step whose period is local policy gets the reminder and the overdue notice only, no rectification notice and no report: missing a period the law never set is not a breach.',
      citation: l.rectification.citation,
    },
    rectification: l.rectification,
    ...(l.circularCriticism ? { circularCriticism: l.circularCriticism } : {}),
    referral: l.referral,
    ...(l.governmentOrder
      ? {
          governmentOrder: {
            ...l.governmentOrder,
            period: {
              value: wd(10),
              basis: 'policy',
              zh: '本级人民政府自收到报告之日起10个工作日内作出责令限期改正的决定。',
              en: "The people's government issues its order to correct within a time limit within 10 working days of the report.",
              citation: l.governmentOrder.citation,
            },
          },
        }
      : {}),
    internalOversight: {
      zh: '主管部门自身的步骤逾期:逾期通知送主管部门督办人员(内部督办);逾期后仍未办结的,报告本级人民政府(主管部门对其负责)。',
      en: "The authority's own overdue step: the overdue notice goes to the authority's supervisor (internal oversight); if still not done, the people's government, which the authority answers to, is informed.",
      citation: l.internalOversight,
      grace: {
        value: wd(5),
        basis: 'policy',
        zh: '主管部门自身的步骤逾期5个工作日仍未办结的,报告本级人民政府。',
        en: "The authority's own step still not done 5 working days after the overdue notice: the people's government is informed.",
        citation: l.internalOversight,
      },
    },
  };
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
      ladder: ladderPolicy(c.ladder),
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
    extensionDecision: {
      value: wd(2),
      basis: 'policy',
      zh: '延期申请由批准机关自收到之日起2个工作日内决定;决定前逾期督办暂停。',
      en: 'The approving body decides an extension request within 2 working days of receipt; the escalation ladder pauses until then.',
      citation: c.rectification,
    },
  };
}
