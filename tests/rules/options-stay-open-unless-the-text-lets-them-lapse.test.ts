/**
 * Item 10: a party's option (completing a returned request, objecting to a refusal, the 2016 application to the
 * authority, answering a verification) is never lost by default. None of our texts sets a time limit on one with a
 * consequence (逾期视为…): Hebei draft art. 19/20, Hebei 2016 art. 12/13/16, Anhui art. 21/24/26 only give the option.
 * So every lapse is local policy and off; a jurisdiction may turn it on, and it is then said to be local policy.
 */
import { describe, expect, it } from 'vitest';
import {
  applyPolicyOverrides,
  flowSteps,
  getPack,
  legacyOptionTerms,
  listPacks,
  optionLadder,
  optionTerms,
  PolicyOverrideError,
  previewTimeline,
  step,
  type StepRule,
} from '../../rules/index.js';

const options: [string, StepRule][] = listPacks().flatMap((p) =>
  p.flows.flatMap((f) => flowSteps(getPack(p.id), f).filter((s) => s.option).map((s) => [`${p.id}/${f}/${s.id}`, s] as [string, StepRule])),
);

/** How each pack names the text that is silent: the text, not the whole of the law. */
const OWN_TEXT: Record<string, { zh: string; en: string }> = {
  'hebei-2023': { zh: '本办法征求意见稿未规定', en: 'The consultation draft of the Measures sets no time limit' },
  'hebei-2022-draft': { zh: '本办法征求意见稿未规定', en: 'The consultation draft of the Measures sets no time limit' },
  'hebei-2016': { zh: '本规定未规定', en: 'The Provisions set no time limit' },
  'anhui-2021': { zh: '本办法未规定', en: 'The Measures set no time limit' },
};

describe('options stay open unless the text lets them lapse', () => {
  it('the options are the requester’s: completing a returned request, objecting (2016: applying to the authority), answering a verification', () => {
    expect(new Set(options.map(([, s]) => s.id))).toEqual(new Set(['complete-request', 'requester-objection', 'requester-response']));
    for (const [, s] of options) expect(s.actor).toBe('requester');
  });

  it.each(options)('%s: no text sets a lapse, so it is local policy and off; it would end the case with one of its own decisions', (name, s) => {
    const lapse = s.option!.lapse;
    expect(lapse).toMatchObject({ basis: 'policy', applies: false });
    expect(s.decisions).toContain(lapse.decision);
    expect(s.endsOn ?? []).toContain(lapse.decision);
    // The article the step cites gives no consequence for letting the option pass.
    expect(s.citation.textZh).not.toMatch(/视为|逾期未/);
    const own = OWN_TEXT[name.split('/')[0]!]!;
    expect(s.option!.open.zh.startsWith(own.zh)).toBe(true);
    expect(s.option!.open.en.startsWith(own.en)).toBe(true);
  });

  it.each(options)('%s: its task says in each language that the option stays open and is no breach', (_name, s) => {
    const terms = optionTerms(s.option!);
    expect(terms.lapses).toBe(false);
    expect(terms.zh).toMatch(/未规定.+的期限：期满不丧失该选项.+保持开放.+不作逾期督办。$/);
    expect(terms.en).toMatch(/no time limit for .+: the option is not lost when the period ends; it stays open until the requester chooses.+nothing is escalated as a breach\.$/);
    expect(terms.zh).not.toMatch(/视为/);
    expect(terms.en).not.toMatch(/treated as|taken as/);
  });

  it('the step’s local-policy period is a reminder point, not a time limit whose passing withdraws, waives or accepts', () => {
    for (const [, s] of options) {
      expect(s.policy!.zh).toMatch(/提醒时点/);
      expect(s.policy!.en).toMatch(/reminded/);
      expect(s.policy!.zh).not.toMatch(/逾期视为/);
      expect(s.policy!.en).not.toMatch(/treated as withdrawn|refusal stands|silence is acceptance/);
    }
  });

  it('an option gets a reminder to the party alone, never an overdue notice, 限期整改 or a report', () => {
    const pack = getPack('hebei-2023');
    const s = step(pack, 'conditional-share', 'requester-objection');
    const ladder = optionLadder(pack.policy.escalation, optionTerms(s.option!), s.citation);
    expect(ladder.map((r) => r.rung)).toEqual(['reminder']);
    expect(ladder[0]).toMatchObject({ basis: 'policy', to: ['assignee'], title: { zh: '选项的建议期限即将届满（该选项保持开放）' } });
    expect(ladder[0]!.zh).toContain('保持开放');
    expect(ladder[0]!.en).toContain('stays open');
    const silent = applyPolicyOverrides(pack, { escalation: { reminderBefore: { n: 0, unit: 'working-days' } } });
    expect(optionLadder(silent.policy.escalation, optionTerms(s.option!), s.citation)).toEqual([]);
  });

  it('the preview says it too, for the API and the web app', () => {
    const preview = previewTimeline(getPack('anhui-2021'), 'conditional-share', '2025-03-03T10:00:00+08:00');
    const objection = preview.find((p) => p.stepId === 'requester-objection')!;
    expect(objection.option).toMatchObject({ lapses: false });
    expect(objection.option!.zh).toContain('本办法未规定提出异议的期限');
    expect(preview.find((p) => p.stepId === 'provider-reply')!.option).toBeUndefined();
  });
});

describe('a jurisdiction may turn a lapse on, as local policy', () => {
  it('a lapse turned on is marked overridden and stated as local policy, not law, in each language', () => {
    const pack = applyPolicyOverrides(getPack('hebei-2023'), {
      label: 'shijiazhuang',
      lapses: { 'conditional-share': { 'requester-objection': true } },
    });
    const s = step(pack, 'conditional-share', 'requester-objection');
    expect(s.option!.lapse).toMatchObject({ applies: true, basis: 'policy', overridden: { default: false, label: 'shijiazhuang' } });
    const terms = optionTerms(s.option!);
    expect(terms).toMatchObject({ lapses: true, decision: 'waive', basis: 'policy' });
    expect(terms.zh).toBe('本地政策(并非法定后果):建议期限届满未提出异议的,视为放弃异议,不予共享答复确定。期满前提醒。');
    expect(terms.en).toBe('Local policy (not a consequence the text sets): no objection when the suggested period ends: taken as waived, the refusal stands. A reminder goes out before the period ends.');
    expect(step(pack, 'conditional-share', 'complete-request').option!.lapse.applies).toBe(false);
    expect(pack.appliedOverrides?.lapses).toEqual({ 'conditional-share': { 'requester-objection': true } });
  });

  it('a duty cannot be made to lapse, nor a lapse set to anything but true or false', () => {
    const pack = getPack('hebei-2023');
    expect(() => applyPolicyOverrides(pack, { lapses: { 'conditional-share': { 'provider-reply': true } } })).toThrow(PolicyOverrideError);
    expect(() => applyPolicyOverrides(pack, { lapses: { 'conditional-share': { 'no-such-step': true } } as never })).toThrow(PolicyOverrideError);
    expect(() => applyPolicyOverrides(pack, { lapses: { 'conditional-share': { 'requester-objection': 'yes' as never } } })).toThrow(PolicyOverrideError);
  });

  it('a case started before options stayed open says its option lapses under the local policy of its time', () => {
    const s = step(getPack('hebei-2016'), 'conditional-share', 'requester-objection');
    const terms = legacyOptionTerms(s.option!);
    expect(terms).toMatchObject({ lapses: true, decision: 'waive', basis: 'policy' });
    expect(terms.zh).toBe('本案开始时适用的本地政策(并非法定后果):建议期限届满未提出申请的,视为放弃申请。');
    expect(terms.en).toBe('The local policy in force when this case began (not a consequence the text sets): no application when the suggested period ends: taken as waived.');
  });
});
