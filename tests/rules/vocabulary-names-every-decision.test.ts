import { describe, expect, it } from 'vitest';
import { getPack, listPacks } from '../../rules';
import { closingStatusWords, decisionWord, decisionWords, processWords } from '../../rules/vocabulary';
import { decisionLabel, decisionLabels, processLabels, statusLabels } from '../../ui/src/labels';

/**
 * The notices the system writes name each decision in words, in Chinese and English: every decision a rule pack lets
 * a step take has its words, and they are the words the web app shows for it.
 */
describe('the words of the notices', () => {
  const decisions = new Set<string>(['grant', 'refuse', 'order-correction']);
  for (const summary of listPacks()) {
    for (const steps of Object.values(getPack(summary.id).flows)) for (const step of steps ?? []) for (const d of step.decisions) decisions.add(d);
  }

  it.each([...decisions])('name the decision %s in both languages, as the web app does', (decision) => {
    const words = decisionWords[decision];
    expect(words, decision).toBeDefined();
    expect(words!.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(words!.en).toMatch(/^[A-Z]/);
    expect([decisionLabel(decision, 'zh'), decisionLabel(decision, 'en')]).toEqual([words!.zh, words!.en]);
  });

  it('read a refused extension as such, in both languages, as the web app does', () => {
    expect(decisionWord('refuse', 'verify-answer.extension')).toEqual({ zh: '不同意延期', en: 'Refuse the extension' });
    expect(decisionLabel('refuse', 'zh', 'verify-answer.extension')).toBe('不同意延期');
    expect(decisionWord('refuse', 'provider-reply')).toEqual({ zh: '不同意', en: 'Refuse' });
  });

  it('read the relay of a cross-level request (draft art. 21) as relaying upward, not forwarding to the provider, as the web app does', () => {
    expect(decisionWord('forward', 'relay-upward')).toEqual({ zh: '转报上一级政务数据主管部门', en: 'Relay to the upper-level authority' });
    expect([decisionLabel('forward', 'zh', 'relay-upward'), decisionLabel('forward', 'en', 'relay-upward')]).toEqual(['转报上一级政务数据主管部门', 'Relay to the upper-level authority']);
    expect(decisionWord('forward', 'review-forward').zh).toBe('审核通过，转提供部门');
  });

  it('are the web app’s words for the processes, the decisions and the closing statuses', () => {
    for (const [code, words] of Object.entries(processWords)) expect([words.zh, words.en]).toEqual(processLabels[code]);
    for (const [code, words] of Object.entries(decisionWords)) expect([words.zh, words.en]).toEqual(decisionLabels[code]);
    for (const [code, words] of Object.entries(closingStatusWords)) expect([words.zh, words.en]).toEqual(statusLabels[code]);
  });
});
