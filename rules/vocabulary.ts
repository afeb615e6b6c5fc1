/**
 * The domain's words in Chinese and English, for text the system writes itself (the notices of a hand-off): the
 * processes, the decisions a task can be completed with, the statuses a case closes with. The web app has the same
 * words for its own labels (`ui/src/labels.ts`); `tests/rules/vocabulary-names-every-decision.test.ts` keeps them
 * equal. Pure data, safe in workflow code.
 */
import type { Bilingual } from './types.js';

type Words = Readonly<Record<string, Bilingual>>;

/** The four statutory processes (STATUTES.md). */
export const processWords: Words = {
  'share-request': { zh: '共享申请', en: 'Share request' },
  'catalogue-change': { zh: '目录更新', en: 'Catalogue change' },
  'quality-dispute': { zh: '数据质量异议', en: 'Data-quality dispute' },
  'negative-list': { zh: '负面清单申请', en: 'Negative-list application' },
  'data-inconsistency': { zh: '同类数据不一致协商', en: 'Inconsistent data: consultation' },
};

/**
 * Every decision of every rule pack's steps, the authority's decision on an extension request (`grant`, and
 * `refuse` read as refusing the extension: {@link decisionWord}) and the people's government's order to correct.
 */
export const decisionWords: Words = {
  provided: { zh: '已提供数据', en: 'Data provided' },
  forward: { zh: '审核通过，转提供部门', en: 'Forward to the provider' },
  'return-incomplete': { zh: '退回补正', en: 'Return as incomplete' },
  agree: { zh: '同意共享', en: 'Agree to share' },
  refuse: { zh: '不同意', en: 'Refuse' },
  'no-agreement': { zh: '协商不成', en: 'No agreement' },
  resubmit: { zh: '补正后重新提交', en: 'Resubmit' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  object: { zh: '提出异议', en: 'Object' },
  waive: { zh: '不提出异议', en: 'Waive' },
  explained: { zh: '已核实并说明', en: 'Verified and explained' },
  repaired: { zh: '已更正数据', en: 'Data repaired' },
  accept: { zh: '接受答复', en: 'Accept the answer' },
  'uphold-refusal': { zh: '维持不予共享', en: 'Uphold the refusal' },
  'order-provision': { zh: '责令提供数据', en: 'Order the data provided' },
  'no-consensus': { zh: '协调不成', en: 'No consensus' },
  'uphold-answer': { zh: '维持答复', en: 'Uphold the answer' },
  'order-repair': { zh: '责令更正数据', en: 'Order the data repaired' },
  submitted: { zh: '已更新并报送审核', en: 'Updated and submitted' },
  updated: { zh: '已更新目录', en: 'Catalogue updated' },
  reported: { zh: '已报送', en: 'Reported' },
  approve: { zh: '批准', en: 'Approve' },
  return: { zh: '退回修改', en: 'Return for correction' },
  reject: { zh: '不予批准', en: 'Reject' },
  filed: { zh: '已备案', en: 'Filed' },
  grant: { zh: '同意延期', en: 'Grant the extension' },
  'direct-access': { zh: '直接获取', en: 'Direct access' },
  'order-correction': { zh: '责令限期改正', en: 'Order correction within a time limit' },
  consensus: { zh: '协商一致', en: 'Consensus reached' },
  coordinated: { zh: '已协调处理', en: 'Coordinated and settled' },
};

/** The refusal of an extension request reads as such, not as a refusal to share. */
const refuseExtension: Bilingual = { zh: '不同意延期', en: 'Refuse the extension' };

/** The statuses a case ends with (workflows/case-start.ts `closingStatus`, and a share request refused at once). */
export const closingStatusWords: Words = {
  fulfilled: { zh: '已提供', en: 'Fulfilled' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  refused: { zh: '不予共享', en: 'Refused' },
  rejected: { zh: '不予批准', en: 'Rejected' },
  approved: { zh: '已批准', en: 'Approved' },
  filed: { zh: '已备案', en: 'Filed' },
  resolved: { zh: '已解决', en: 'Resolved' },
  'provision-ordered': { zh: '已责令提供', en: 'Provision ordered' },
  'repair-ordered': { zh: '已责令更正', en: 'Repair ordered' },
  returned: { zh: '已退回', en: 'Returned' },
  closed: { zh: '已结束', en: 'Closed' },
};

/** A word from `words`, or the code itself in both languages when there is none. */
function wordOf(words: Words, code: string): Bilingual {
  return words[code] ?? { zh: code, en: code };
}

/** A decision in words; on an extension's deciding step (`….extension`) `refuse` is the refusal of the extension. */
/** The relay of a cross-level request (Hebei draft art. 21) forwards it upward, not to the provider. */
const relayUpward: Bilingual = { zh: '转报上一级政务数据主管部门', en: 'Relay to the upper-level authority' };

export function decisionWord(decision: string, step?: string): Bilingual {
  if (decision === 'refuse' && step?.endsWith('.extension')) return refuseExtension;
  if (decision === 'forward' && step === 'relay-upward') return relayUpward;
  return wordOf(decisionWords, decision);
}

export function processWord(process: string): Bilingual {
  return wordOf(processWords, process);
}

export function closingStatusWord(status: string): Bilingual {
  return wordOf(closingStatusWords, status);
}
