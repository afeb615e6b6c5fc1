import { allHandlersFinished, condition, upsertSearchAttributes } from '@temporalio/workflow';
import type { Citation } from '../rules/citation';
import { CaseRuntime } from './case-runtime';
import type { ShareRequestInput } from './messages';
import { searchAttributes } from './search-attributes';

/** Hebei 2023 Measures, as summarised in the Hebei Daily news and in the 2022 draft's art. 19. */
const unconditionalProvision: Citation = {
  source: 'hebei-2023',
  article: '《河北省政务数据共享应用管理办法》(2022年征求意见稿第十九条)',
  textZh: '属于无条件共享类的，政务数据主管部门应当自收到申请之日起3个工作日内予以提供。',
  textEn: 'For unconditionally shared data, the competent authority provides it within 3 working days of receiving the request.',
};

export interface ShareRequestResult {
  status: 'fulfilled';
  providedAt: string;
}

/** 共享申请: a department asks for a catalogue entry's data, for a stated scenario. */
export async function shareRequestWorkflow(input: ShareRequestInput): Promise<ShareRequestResult> {
  upsertSearchAttributes([
    { key: searchAttributes.process, value: 'share-request' },
    { key: searchAttributes.requestId, value: input.requestId },
    { key: searchAttributes.jurisdiction, value: input.jurisdiction },
    { key: searchAttributes.pack, value: input.pack },
    { key: searchAttributes.requester, value: input.requesterDepartmentId },
    { key: searchAttributes.provider, value: input.providerDepartmentId },
  ]);
  const kase = new CaseRuntime({
    requestId: input.requestId,
    jurisdiction: input.jurisdiction,
    authorityDepartmentId: input.authorityDepartmentId,
  });
  await kase.setStatus('awaiting-provision');
  const provided = await kase.humanStep({
    step: 'provide-data',
    titleZh: '提供共享数据',
    titleEn: 'Provide the requested data',
    assignee: { departmentId: input.authorityDepartmentId, role: 'authority-reviewer' },
    period: { n: 3, unit: 'working-days' },
    clockStartsAt: input.receivedAt,
    decisions: ['provided'],
    citation: unconditionalProvision,
    ladder: { reminderWorkingDays: 1, graceWorkingDays: 2, rectificationWorkingDays: 5 },
  });
  await kase.setStatus('fulfilled', { outcome: 'provided', closed: true });
  await condition(allHandlersFinished);
  return { status: 'fulfilled', providedAt: provided.completedAt };
}
