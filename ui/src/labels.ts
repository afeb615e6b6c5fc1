/** The interface's languages (as in i18n.tsx): plain TS here, no React, so the tests read these labels too. */
type Lang = 'zh' | 'en';

type Pair = readonly [zh: string, en: string];
type Labels = Record<string, Pair>;

/** The four statutory processes (STATUTES.md). */
export const processLabels: Labels = {
  'share-request': ['共享申请', 'Share request'],
  'catalogue-change': ['目录更新', 'Catalogue change'],
  'quality-dispute': ['数据质量异议', 'Data-quality dispute'],
  'negative-list': ['负面清单申请', 'Negative-list application'],
  'data-inconsistency': ['同类数据不一致协商', 'Inconsistent data: consultation'],
};

export const decisionLabels: Labels = {
  provided: ['已提供数据', 'Data provided'],
  forward: ['审核通过，转提供部门', 'Forward to the provider'],
  'return-incomplete': ['退回补正', 'Return as incomplete'],
  agree: ['同意共享', 'Agree to share'],
  refuse: ['不同意', 'Refuse'],
  'no-agreement': ['协商不成', 'No agreement'],
  resubmit: ['补正后重新提交', 'Resubmit'],
  withdraw: ['撤回', 'Withdraw'],
  object: ['提出异议', 'Object'],
  waive: ['不提出异议', 'Waive'],
  explained: ['已核实并说明', 'Verified and explained'],
  repaired: ['已更正数据', 'Data repaired'],
  accept: ['接受答复', 'Accept the answer'],
  'uphold-refusal': ['维持不予共享', 'Uphold the refusal'],
  'order-provision': ['责令提供数据', 'Order the data provided'],
  'no-consensus': ['协调不成', 'No consensus'],
  'uphold-answer': ['维持答复', 'Uphold the answer'],
  'order-repair': ['责令更正数据', 'Order the data repaired'],
  submitted: ['已更新并报送审核', 'Updated and submitted'],
  updated: ['已更新目录', 'Catalogue updated'],
  reported: ['已报送', 'Reported'],
  approve: ['批准', 'Approve'],
  return: ['退回修改', 'Return for correction'],
  reject: ['不予批准', 'Reject'],
  filed: ['已备案', 'Filed'],
  grant: ['同意延期', 'Grant the extension'],
  'direct-access': ['直接获取', 'Direct access'],
  'order-correction': ['责令限期改正', 'Order correction within a time limit'],
  consensus: ['协商一致', 'Consensus reached'],
  coordinated: ['已协调处理', 'Coordinated and settled'],
};

export const rungLabels: Labels = {
  reminder: ['到期提醒', 'Reminder'],
  overdue: ['逾期通知', 'Overdue notice'],
  rectification: ['限期整改', 'Notice to rectify'],
  'circular-criticism': ['通报批评', 'Criticised in a circular'],
  'government-report': ['报告本级人民政府', "Reported to the people's government"],
  'correction-order': ['责令改正', 'Ordered to correct'],
  'oversight-report': ['内部监督：报告本级人民政府', "Internal oversight: the people's government informed"],
};
export const rungOrder = ['reminder', 'overdue', 'rectification', 'circular-criticism', 'government-report', 'correction-order', 'oversight-report'];

/** Where a rung's measure comes from: the text, the 2022 draft, or local policy. */
export const basisLabels: Labels = {
  law: ['依法规', 'By law'],
  draft: ['依征求意见稿', 'From the consultation draft'],
  policy: ['本地政策', 'Local policy'],
};

export const statusLabels: Labels = {
  received: ['已收到', 'Received'],
  fulfilled: ['已提供', 'Fulfilled'],
  withdrawn: ['已撤回', 'Withdrawn'],
  refused: ['不予共享', 'Refused'],
  rejected: ['不予批准', 'Rejected'],
  approved: ['已批准', 'Approved'],
  filed: ['已备案', 'Filed'],
  resolved: ['已解决', 'Resolved'],
  'provision-ordered': ['已责令提供', 'Provision ordered'],
  'repair-ordered': ['已责令更正', 'Repair ordered'],
  returned: ['已退回', 'Returned'],
  listed: ['已列入负面清单', 'Listed'],
  closed: ['已结束', 'Closed'],
};

export const stepLabels: Labels = {
  'direct-access': ['直接获取', 'direct access'],
  'relay-upward': ['本级主管部门转报', 'relay to the upper-level authority'],
  'provide-data': ['提供数据', 'providing the data'],
  'review-forward': ['审核转办', 'review and forwarding'],
  'provider-reply': ['提供部门答复', "the provider's reply"],
  'complete-request': ['补正申请', 'completing the request'],
  consultation: ['部门协商', 'consultation'],
  'requester-objection': ['需求部门异议', 'objection'],
  'provider-explanation': ['书面说明理由', 'written explanation'],
  'coordinate-decide': ['协调处理', 'coordination'],
  'joint-decision': ['会同有关部门确定', 'joint decision'],
  'submit-update': ['更新目录', 'updating the catalogue'],
  'report-update': ['报送目录', 'reporting the update'],
  'review-update': ['审核目录', 'review of the update'],
  'correct-update': ['修改目录', 'correcting the update'],
  'forward-dispute': ['转交校核', 'forwarding the dispute'],
  'verify-answer': ['校核答复', 'verification'],
  'requester-response': ['确认校核结果', "the requester's response"],
  'authority-review': ['主管部门审核', "the authority's review"],
  'government-approval': ['本级人民政府批准', "the government's approval"],
  'record-filing': ['报上一级备案', 'filing'],
};

export const roleLabels: Labels = {
  requester: ['需求部门', 'requester'],
  provider: ['提供部门', 'provider'],
  'authority-reviewer': ['主管部门审核人', 'authority reviewer'],
  'authority-supervisor': ['主管部门督办人', 'authority supervisor'],
  'government-approver': ['本级人民政府审批人', 'government approver'],
  admin: ['系统管理员', 'administrator'],
};

export const sharingLabels: Labels = {
  unconditional: ['无条件共享', 'Unconditional'],
  conditional: ['有条件共享', 'Conditional'],
  'not-shared': ['不予共享', 'Not shared'],
};

export const actionLabels: Labels = {
  'request.submitted': ['提交', 'Submitted'],
  'request.workflow-started': ['办理流程由系统补启动', 'Process started by the system'],
  'request.proof-shown': ['记录：申请人已提供合法有效证明材料', 'Recorded: the applicant showed legal and effective proof'],
  'request.status-changed': ['状态变更', 'Status changed'],
  'task.opened': ['开始办理', 'Task opened'],
  'task.completed': ['办结', 'Task completed'],
  'task.cancelled': ['取消', 'Task cancelled'],
  'task.due-changed': ['期限变更', 'Deadline changed'],
  'task.claimed': ['认领', 'Claimed'],
  'task.released': ['释放', 'Released'],
  'task.claim-overridden': ['强制释放认领', 'Claim released by the supervisor'],
  'task.assigned': ['指派', 'Assigned'],
  'task.reassigned': ['转办', 'Reassigned'],
  'escalation.reminder': ['到期提醒', 'Reminder'],
  'escalation.overdue': ['逾期通知', 'Overdue notice'],
  'escalation.rectification': ['限期整改通知', 'Notice to rectify'],
  'escalation.circular-criticism': ['通报批评', 'Criticised in a circular'],
  'escalation.government-report': ['报告本级人民政府', "Reported to the people's government"],
  'escalation.correction-order': ['责令改正', 'Ordered to correct'],
  'escalation.oversight-report': ['内部监督：报告本级人民政府', "Internal oversight: the people's government informed"],
  'catalogue.changed': ['目录已更新', 'Catalogue changed'],
  'negative-list.listed': ['列入负面清单', 'Put on the negative list'],
  'negative-list.filed': ['负面清单已备案', 'Negative list filed'],
};

export const packLabels: Labels = {
  'hebei-2023': ['河北省政务数据共享应用管理办法', 'Hebei Measures on Government Data Sharing (2023)'],
  'hebei-2016': ['河北省政务信息资源共享管理规定', 'Hebei Provisions on Government Information Resource Sharing (2016)'],
  'anhui-2021': ['安徽省政务数据资源管理办法', 'Anhui Measures on Government Data Resources (2021)'],
  'hebei-2022-draft': ['河北省政务数据共享应用管理办法（征求意见稿）', 'Hebei Measures, 2022 consultation draft'],
};

export const jurisdictionLabels: Labels = {
  national: ['全国', 'National'],
  hebei: ['河北', 'Hebei'],
  anhui: ['安徽', 'Anhui'],
  xinjiang: ['新疆', 'Xinjiang'],
};

/** A label in the current language; an unknown code is shown as it is. */
export function label(labels: Labels, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const pair = labels[code];
  return pair ? pair[lang === 'zh' ? 0 : 1] : code;
}

/** A case status, including `awaiting-<step>`. */
export function statusLabel(status: string, lang: Lang): string {
  if (status.startsWith('awaiting-')) {
    const step = status.slice('awaiting-'.length);
    return lang === 'zh' ? `待${label(stepLabels, step, lang)}` : `Awaiting ${label(stepLabels, step, lang)}`;
  }
  return label(statusLabels, status, lang);
}

/** Decisions of a task, labelled; the extension decision's `refuse` reads as refusing the extension. */
export function decisionLabel(decision: string, lang: Lang, step?: string): string {
  if (step?.endsWith('.extension') && decision === 'refuse') return lang === 'zh' ? '不同意延期' : 'Refuse the extension';
  if (step === 'relay-upward' && decision === 'forward') return lang === 'zh' ? '转报上一级政务数据主管部门' : 'Relay to the upper-level authority';
  return label(decisionLabels, decision, lang);
}

/**
 * The fields of a submission (`details` of a case), named as the submission form names them: a share request's
 * 依据, a catalogue change's cause and description, a dispute's 说明 and 证明材料, a negative-list application's
 * 法律依据 and 理由.
 */
export const detailLabels: Labels = {
  basis: ['依据（职责或法律依据）', 'Basis (duty or legal basis)'],
  trigger: ['变更原因', 'Cause of the change'],
  changedAt: ['变更发生日期', 'Day of the change'],
  description: ['说明', 'Description'],
  evidence: ['证明材料', 'Evidence'],
  legalBasis: ['法律依据', 'Legal basis'],
  reason: ['理由', 'Reasons'],
  route: ['办理途径', 'Route'],
  ownEntryId: ['本部门的同类数据（目录条目）', 'Our data of the same category (catalogue entry)'],
  inconsistency: ['不一致之处', 'What is inconsistent'],
};

/**
 * The causes of a catalogue change the texts name (rules/change-triggers.ts): Hebei 因法律法规调整或者职责变化等原因;
 * Anhui art. 15 法律、法规、规章修改或者行政管理职能发生变化; Hebei 2016 art. 11 机构改革或者法定职责调整等事项.
 */
export const triggerLabels: Labels = {
  'law-change': ['法律、法规、规章调整或修改', 'A law, regulation or rule was adjusted or amended'],
  'duty-change': ['职责（职能）变化', 'The department’s duties changed'],
  'institutional-reform': ['机构改革', 'Institutional reform'],
  other: ['其他原因', 'Another cause'],
};

/** The fields of a catalogue entry a catalogue change may set (activities/catalogue.ts `changeableFields`). */
export const entryFieldLabels: Labels = {
  nameZh: ['名称（中文）', 'Name (Chinese)'],
  nameEn: ['名称（英文）', 'Name (English)'],
  updateFrequency: ['更新频率', 'Update frequency'],
  securityLevel: ['安全级别', 'Security level'],
  scopeOfUse: ['使用范围', 'Scope of use'],
  conditions: ['共享条件', 'Conditions'],
  legalBasis: ['法律依据', 'Legal basis'],
  dataFormat: ['数据格式', 'Data format'],
};

/** Who applied for the approval or service whose data is under review (Anhui art. 26 para. 3). */
export const holderLabels: Labels = {
  'natural-person': ['自然人', 'Natural person'],
  'legal-person': ['法人', 'Legal person'],
  'unincorporated-organisation': ['非法人组织', 'Unincorporated organisation'],
};

/** Where a data-quality review was applied for (Anhui art. 26 para. 2). */
export const routeLabels: Labels = {
  platform: ['通过江淮大数据中心平台', 'Through the Jianghuai big-data centre platform'],
  direct: ['直接向数据提供部门', 'To the data providing department directly'],
};
