/**
 * Item 19: where a text gives no period, the pack says that text is silent (本办法未规定 / 本规定未规定 / 本办法征求意见稿
 * 未规定), not that "the law" is: other law may well set one. Each language names the text.
 */
import { describe, expect, it } from 'vitest';
import { flowSteps, getPack, listPacks, type StepRule } from '../../rules/index.js';

const everyStep: [string, StepRule][] = listPacks().flatMap((p) =>
  p.flows.flatMap((f) => flowSteps(getPack(p.id), f).map((s) => [`${p.id}/${f}/${s.id}`, s] as [string, StepRule])),
);

const OWN: Record<string, { zh: string; en: string }> = {
  'hebei-2023': { zh: '本办法征求意见稿未规定', en: 'The consultation draft of the Measures gives' },
  'hebei-2022-draft': { zh: '本办法征求意见稿未规定', en: 'The consultation draft of the Measures gives' },
  'hebei-2016': { zh: '本规定', en: 'The Provisions give' },
  'anhui-2021': { zh: '本办法未规定', en: 'The Measures give' },
};

/** The steps built for every pack alike (rules/packs/common-steps.ts), where the wording used to say 法律未规定. */
const COMMON = new Set(['complete-request', 'requester-objection', 'coordinate-decide', 'requester-response', 'correct-update']);

describe('a silent text is the pack’s own, not all law', () => {
  it.each(everyStep)('%s never says the law is silent', (_name, s) => {
    const texts = [s.policy?.zh, s.policy?.en, s.option?.open.zh, s.option?.open.en, s.citation.note].filter(Boolean).join(' ');
    expect(texts).not.toMatch(/法律未规定|法律没有规定|[Tt]he law gives|[Tt]he law sets/);
  });

  it.each(everyStep.filter(([, s]) => COMMON.has(s.id) && s.periodBasis === 'policy'))('%s names its own text in each language', (name, s) => {
    const own = OWN[name.split('/')[0]!]!;
    expect(s.policy!.zh.startsWith(own.zh)).toBe(true);
    expect(s.policy!.en.startsWith(own.en)).toBe(true);
  });
});
