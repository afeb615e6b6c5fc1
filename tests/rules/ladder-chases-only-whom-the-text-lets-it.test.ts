/**
 * The ladder a step gets follows the texts: the authority supervises departments (Anhui art. 43; Hebei draft art. 39,
 * 41; Hebei 2016 art. 21, 22); its own steps are internal oversight; the government's and the upper-level authority's
 * steps get a reminder and an overdue notice only; a period the law never set is not escalated as a breach.
 */
import { describe, expect, it } from 'vitest';
import {
  applyPolicyOverrides,
  dutyHolderOf,
  getPack,
  ladderFor,
  PolicyOverrideError,
  step,
  type LadderRung,
  type RulePack,
} from '../../rules/index.js';

function ladderOf(pack: RulePack, flow: string, stepId: string): LadderRung[] {
  const s = step(pack, flow, stepId);
  const actor = s.dutyOf ?? s.actor;
  return ladderFor(pack.policy.escalation, { holder: dutyHolderOf(actor), periodBasis: s.periodBasis, assigneeIsAuthority: actor === s.actor });
}
const rungsOf = (l: LadderRung[]) => l.map((r) => r.rung);

describe('item 5: the ladder chases only the bodies the text lets the authority chase', () => {
  it("the people's government's own negative-list approval (draft art. 15) gets a reminder and an overdue notice to it alone", () => {
    const l = ladderOf(getPack('hebei-2023'), 'negative-list', 'government-approval');
    expect(rungsOf(l)).toEqual(['reminder', 'overdue']);
    expect(l.find((r) => r.rung === 'overdue')!.to).toEqual(['assignee']);
    expect(l.find((r) => r.rung === 'overdue')!.zh).toContain('主管部门对人民政府无督办权');
  });

  it('the filing (draft art. 15: 负面清单应当报上一级政务数据主管部门备案) is the same-level authority’s duty: it is told, the upper authority is not chased', () => {
    const pack = getPack('hebei-2023');
    expect(step(pack, 'negative-list', 'record-filing')).toMatchObject({ actor: 'upper-authority', dutyOf: 'authority' });
    const l = ladderOf(pack, 'negative-list', 'record-filing');
    // A local-policy period (art. 15 gives none): reminder and overdue only, internal, to the authority and its supervisor.
    expect(rungsOf(l)).toEqual(['reminder', 'overdue']);
    expect(l[0]!.to).toEqual(['assignee', 'authority']);
    expect(l[1]!.to).toEqual(['assignee', 'authority', 'supervisor']);
  });

  it('the authority’s own review (draft art. 19, 3 WD) is internal oversight: its supervisor, then the people’s government it answers to — never 限期整改', () => {
    const l = ladderOf(getPack('hebei-2023'), 'conditional-share', 'review-forward');
    expect(rungsOf(l)).toEqual(['reminder', 'overdue', 'oversight-report']);
    expect(l[1]!.to).toEqual(['assignee', 'supervisor']);
    expect(l[1]!.zh).toContain('内部督办');
    const report = l[2]!;
    expect(report).toMatchObject({ basis: 'policy', to: ['supervisor', 'government'], after: { n: 5, unit: 'working-days' } });
    expect(report.zh).toContain('内部监督');
    expect(report.citation.article).toContain('四十'); // draft art. 40: the authority's own liability
  });

  it('the authority’s own steps in Anhui and Hebei 2016 cite their own accountability articles (Anhui art. 44; 2016 art. 22)', () => {
    expect(ladderOf(getPack('anhui-2021'), 'conditional-share', 'provide-data').map((r) => r.rung)).toEqual(['reminder', 'overdue']);
    const hb2016 = ladderOf(getPack('hebei-2016'), 'conditional-share', 'coordinate-decide');
    expect(rungsOf(hb2016)).toEqual(['reminder', 'overdue', 'oversight-report']);
    expect(hb2016[2]!.citation.article).toBe('第22条 (art. 22)');
  });
});

describe('item 6: a missed local-policy period is not a breach', () => {
  it('a department’s step whose period is local policy gets reminder and overdue only (hebei-2023 correct-update, 5 WD policy)', () => {
    const pack = getPack('hebei-2023');
    expect(step(pack, 'catalogue-change', 'correct-update').periodBasis).toBe('policy');
    expect(rungsOf(ladderOf(pack, 'catalogue-change', 'correct-update'))).toEqual(['reminder', 'overdue']);
  });

  it('Hebei 2016 sets almost no periods: consultation (policy) gets no measures; the written explanation (art. 13, 15 days, law) does', () => {
    const pack = getPack('hebei-2016');
    expect(rungsOf(ladderOf(pack, 'conditional-share', 'consultation'))).toEqual(['reminder', 'overdue']);
    expect(rungsOf(ladderOf(pack, 'conditional-share', 'provider-explanation'))).toEqual([
      'reminder',
      'overdue',
      'rectification',
      'circular-criticism',
      'correction-order',
    ]);
  });

  it('a pack may supervise local-policy periods too, and every measure then says it is local policy', () => {
    const pack = applyPolicyOverrides(getPack('hebei-2023'), { label: 'test', escalation: { superviseLocalPolicyPeriods: true } });
    expect(pack.policy.escalation.ladder!.superviseLocalPolicyPeriods).toMatchObject({ value: true, basis: 'policy', overridden: { default: false } });
    const l = ladderOf(pack, 'catalogue-change', 'correct-update');
    expect(rungsOf(l)).toEqual(['reminder', 'overdue', 'rectification', 'circular-criticism', 'government-report']);
    expect(l.every((r) => r.basis === 'policy')).toBe(true);
    expect(() => applyPolicyOverrides(getPack('hebei-2023'), { escalation: { superviseLocalPolicyPeriods: 'yes' as never } })).toThrow(PolicyOverrideError);
  });
});

describe('item 8: the rungs each text provides, with their basis and article', () => {
  it('Hebei 2023 (draft figures): 督促整改 and 通报批评 (art. 39), the report to the government, which orders correction (art. 41)', () => {
    const l = ladderOf(getPack('hebei-2023'), 'conditional-share', 'provider-reply');
    expect(l.map((r) => [r.rung, r.basis])).toEqual([
      ['reminder', 'policy'],
      ['overdue', 'policy'],
      ['rectification', 'draft'],
      ['circular-criticism', 'draft'],
      ['government-report', 'draft'],
    ]);
    expect(l[2]!.citation.article).toBe('征求意见稿第三十九条 (2022 draft art. 39)');
    expect(l[3]!.citation.article).toBe('征求意见稿第三十九条 (2022 draft art. 39)');
    // "情节严重" is a reading: not rectifying in time is taken as serious, and that is said to be local policy.
    expect(l[3]!.zh).toContain('本地政策');
    expect(l[4]).toMatchObject({ to: ['assignee', 'supervisor', 'government'], opensGovernmentOrder: true });
    expect(l[4]!.citation.article).toBe('征求意见稿第四十一条 (2022 draft art. 41)');
  });

  it('Anhui (art. 43): 通知限期整改, then 上报本级人民政府, which orders correction within a time limit; no 通报批评 in the text', () => {
    const l = ladderOf(getPack('anhui-2021'), 'conditional-share', 'provider-reply');
    expect(l.map((r) => [r.rung, r.basis, r.citation.article])).toEqual([
      ['reminder', 'policy', '第43条 (art. 43)'],
      ['overdue', 'policy', '第43条 (art. 43)'],
      ['rectification', 'law', '第43条 (art. 43)'],
      ['government-report', 'law', '第43条 (art. 43)'],
    ]);
    expect(l[3]!.opensGovernmentOrder).toBe(true);
    expect(getPack('anhui-2021').policy.escalation.ladder!.governmentOrder!.period).toMatchObject({ value: { n: 10, unit: 'working-days' }, basis: 'policy' });
  });

  it('Hebei 2016: 通报批评 for refusing to rectify (art. 21); then 责令改正 by the competent body (art. 22), not a report to the government', () => {
    const l = ladderOf(getPack('hebei-2016'), 'conditional-share', 'provider-explanation');
    const order = l.find((r) => r.rung === 'correction-order')!;
    expect(order).toMatchObject({ basis: 'law', to: ['assignee', 'supervisor'] });
    expect(order.citation.article).toBe('第22条 (art. 22)');
    expect(order.zh).toContain('上级行政机关或者有关主管部门责令改正');
    expect(order.opensGovernmentOrder).toBeUndefined();
    expect(l.some((r) => r.rung === 'government-report')).toBe(false);
    expect(l.find((r) => r.rung === 'circular-criticism')!.citation.article).toBe('第21条 (art. 21)');
  });
});

describe('item 11: the extension decision period is the pack’s local policy', () => {
  it('2 WD by default in every pack, overridable', () => {
    for (const id of ['hebei-2023', 'hebei-2022-draft', 'hebei-2016', 'anhui-2021']) {
      expect(getPack(id).policy.extensionDecision).toMatchObject({ value: { n: 2, unit: 'working-days' }, basis: 'policy' });
    }
    const p = applyPolicyOverrides(getPack('anhui-2021'), { extensionDecision: { n: 3, unit: 'working-days' } });
    expect(p.policy.extensionDecision).toMatchObject({ value: { n: 3 }, overridden: { default: { n: 2 } } });
    expect(() => applyPolicyOverrides(getPack('anhui-2021'), { extensionDecision: { n: 0, unit: 'working-days' } })).toThrow(PolicyOverrideError);
  });
});
