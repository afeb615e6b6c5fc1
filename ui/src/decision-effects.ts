type Pair = readonly [zh: string, en: string];

/**
 * What a decision does once sent: the question the confirmation dialog asks, stating the act and its legal effect.
 * Keyed by `step:decision` where one decision means different things at different steps, else by decision.
 * Written from the rule packs' routing (rules/packs/*): who receives the answer, what may follow, whether it closes.
 */
const effects: Record<string, Pair> = {
  provided: ['确认已提供数据？该答复将送达需求部门，本案件随即办结。', 'Confirm the data was provided? The requester is told and the case closes.'],
  forward: ['确认审核通过并转提供部门？提供部门须在规定期限内答复是否同意共享。', 'Forward to the providing department? It must answer within its period whether it agrees to share.'],
  'relay-upward:forward': [
    '确认转报上一级政务数据主管部门？上一级主管部门自收到之日起按第十九条办理（审核转提供部门），本级的转报环节随即完成。',
    'Relay the request to the upper-level authority? It handles it under art. 19 (review and forward to the provider) from its receipt; your hop is then done.',
  ],
  'forward-dispute:forward': ['确认转提供部门校核？提供部门须在规定期限内校核并释明或修复。', 'Forward the dispute to the provider? It must verify, then explain or repair, within its period.'],
  'return-incomplete': ['确认退回补正？申请将退回需求部门，补正后方可重新提交。', 'Return the request as incomplete? It goes back to the requester, who may complete and resubmit it.'],
  agree: ['确认同意共享？该答复将送达需求部门，本部门须在规定期限内提供数据。', 'Agree to share? The requester is told, and your department must provide the data within its period.'],
  refuse: ['确认不予共享？该答复将送达需求部门，需求部门可提出异议。', 'Refuse to share? The answer goes to the requester, who may object.'],
  'no-agreement': ['确认协商不成？案件将转政务数据主管部门协调处理。', 'Record that no agreement was reached? The case goes to the competent data authority to coordinate.'],
  resubmit: ['确认补正后重新提交？申请将重新进入审核。', 'Resubmit the completed request? It is reviewed again.'],
  withdraw: ['确认撤回申请？本案件将终止，不可恢复。', 'Withdraw the request? The case ends and cannot be reopened.'],
  object: ['确认提出异议？异议将送政务数据主管部门协调处理。', 'Object? The objection goes to the competent data authority to coordinate.'],
  waive: ['确认不提出异议？提供部门的答复即为最终结果，本案件随即办结。', 'Waive the objection? The provider’s answer stands and the case closes.'],
  explained: ['确认已核实并说明？说明将送达需求部门，需求部门可接受或提出异议。', 'Send the explanation? The requester receives it and may accept it or object.'],
  repaired: ['确认已更正数据？结果将送达需求部门，需求部门可接受或提出异议。', 'Confirm the data was repaired? The requester is told and may accept or object.'],
  accept: ['确认接受答复？本异议随即办结。', 'Accept the answer? The dispute closes.'],
  'uphold-refusal': ['确认维持不予共享？协调结论将送达双方，本案件随即办结。', 'Uphold the refusal? Both parties are told the outcome and the case closes.'],
  'order-provision': ['确认责令提供数据？提供部门须在规定期限内提供数据。', 'Order the data provided? The provider must provide it within its period.'],
  'no-consensus': ['确认协调不成？案件将按规章进入下一步处理。', 'Record that coordination failed? The case moves on as the regulation provides.'],
  'uphold-answer': ['确认维持答复？协调结论将送达双方，本异议随即办结。', 'Uphold the answer? Both parties are told and the dispute closes.'],
  'order-repair': ['确认责令更正数据？提供部门须在规定期限内更正。', 'Order the data repaired? The provider must repair it within its period.'],
  submitted: ['确认报送审核？所填更新内容将送政务数据主管部门审核，批准后写入目录。', 'Submit the update for review? The authority reviews it; once approved it is written to the catalogue.'],
  updated: ['确认已更新目录？更新内容随即写入目录。', 'Confirm the catalogue was updated? The changes are written to the catalogue.'],
  reported: ['确认已报送？报送记录将存档。', 'Confirm it was reported? The report is recorded.'],
  'review-update:approve': ['确认批准目录更新？所报更新内容将写入目录，本案件随即办结。', 'Approve the catalogue change? The submitted changes are written to the catalogue and the case closes.'],
  'review-update:return': ['确认退回修改？提供部门须在规定期限内修改后重新报送。', 'Return for correction? The provider must correct and resubmit it within its period.'],
  'authority-review:approve': ['确认审核通过？申请将报本级人民政府批准。', 'Pass the review? The application goes to the people’s government for approval.'],
  'authority-review:return': ['确认退回？申请将退回提供部门，本案件随即终止。', 'Return the application? It goes back to the provider and the case ends.'],
  'government-approval:approve': ['确认批准列入负面清单？该目录条目将不予共享，并报上一级主管部门备案。', 'Approve the negative-list entry? The entry becomes “not shared” and is filed with the upper-level authority.'],
  'government-approval:reject': ['确认不予批准？该目录条目不列入负面清单，本案件随即办结。', 'Reject the application? The entry is not listed and the case closes.'],
  approve: ['确认批准？批准结论将送达申请部门。', 'Approve? The applicant is told.'],
  return: ['确认退回修改？申请将退回申请部门修改。', 'Return for correction? It goes back to the applicant.'],
  reject: ['确认不予批准？本案件随即办结。', 'Reject? The case closes.'],
  filed: ['确认已备案？负面清单条目将标为已备案，本案件随即办结。', 'Confirm the filing? The negative-list entry is marked filed and the case closes.'],
  grant: ['确认同意延期？办理期限将按所申请的工作日延长。', 'Grant the extension? The period is extended by the working days asked for.'],
  '.extension:refuse': ['确认不同意延期？办理期限不变。', 'Refuse the extension? The period stays as it is.'],
  'direct-access': ['确认直接获取？本案件随即办结。', 'Confirm direct access? The case closes.'],
  consensus: ['确认已协商一致？协商结果将送达提出部门，本案件随即办结。', 'Record the consensus? The department that raised it is told and the case closes.'],
  coordinated: ['确认已会同有关行政主管部门协调处理？处理结果将送达双方，本案件随即办结。', 'Record the coordinated outcome? Both departments are told and the case closes.'],
};

/** The confirmation question of a decision at a step, in the current language (plain TS, no React: the tests read it too). */
export function decisionEffect(decision: string, step: string, lang: 'zh' | 'en'): string {
  const base = step.split('.')[0] ?? step;
  const key = step.endsWith('.extension') ? `.extension:${decision}` : `${base}:${decision}`;
  const pair = effects[key] ?? effects[decision];
  if (pair) return pair[lang === 'zh' ? 0 : 1];
  return lang === 'zh' ? '确认提交该办理结果？提交后不可撤回。' : 'Send this decision? It cannot be taken back.';
}
