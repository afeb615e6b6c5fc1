import { describe, expect, it } from 'vitest';
import { getPack, listPacks } from '../../rules';
import { decisionEffect } from '../../ui/src/decision-effects';

/**
 * The confirmation dialog states the act and its legal effect. Every decision a rule pack lets a step take has a text
 * of its own, in both languages; none falls back to the generic "send this decision?".
 */
describe('the confirmation of every decision', () => {
  const generic = { zh: decisionEffect('no-such-decision', 'no-such-step', 'zh'), en: decisionEffect('no-such-decision', 'no-such-step', 'en') };
  const pairs = new Set<string>();
  for (const summary of listPacks()) {
    for (const steps of Object.values(getPack(summary.id).flows)) {
      for (const step of steps ?? []) for (const decision of step.decisions) pairs.add(`${step.id}:${decision}`);
    }
  }
  // The authority's decision on an extension request (workflows/case-runtime.ts).
  pairs.add('submit-update.extension:grant');
  pairs.add('submit-update.extension:refuse');

  it.each([...pairs])('%s states its effect in Chinese and English', (pair) => {
    const [step, decision] = pair.split(':') as [string, string];
    const zh = decisionEffect(decision, step, 'zh');
    const en = decisionEffect(decision, step, 'en');
    expect(zh).not.toBe(generic.zh);
    expect(en).not.toBe(generic.en);
    expect(zh).toMatch(/^确认.+？/);
    expect(en).toMatch(/\?/);
  });

  it('says the relay of a cross-level request (draft art. 21) goes to the upper-level authority, not to the provider', () => {
    expect(decisionEffect('forward', 'relay-upward', 'zh')).toContain('转报上一级政务数据主管部门');
    expect(decisionEffect('forward', 'relay-upward', 'zh')).not.toContain('转提供部门？');
    expect(decisionEffect('forward', 'relay-upward', 'en')).toContain('upper-level authority');
  });

  it('says what a refusal to share does: the requester is told and may object', () => {
    expect(decisionEffect('refuse', 'provider-reply', 'zh')).toBe('确认不予共享？该答复将送达需求部门，需求部门可提出异议。');
    expect(decisionEffect('refuse', 'provider-reply.extension', 'zh')).toBe('确认不同意延期？办理期限不变。');
  });

  it('says what the Anhui art. 27 decisions do: a consensus closes the case; without one the authority coordinates', () => {
    expect(decisionEffect('consensus', 'consultation', 'zh')).toBe('确认已协商一致？协商结果将送达提出部门，本案件随即办结。');
    expect(decisionEffect('no-agreement', 'consultation', 'zh')).toContain('主管部门协调处理');
    expect(decisionEffect('coordinated', 'coordinate-decide', 'en')).toContain('Both departments are told');
  });
});
