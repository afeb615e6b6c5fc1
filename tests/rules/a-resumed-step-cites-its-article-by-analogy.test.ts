/**
 * Item 19: a step taken again after a return or a decision (`resumes`: review after completion, provision after an
 * order to provide, verification after an order to repair, review after a corrected update) restarts its clock from
 * that event, which its article does not name. The task cites the article 参照 (applied by analogy), not as if the
 * article set that period, and its trigger says what restarted the clock.
 */
import { describe, expect, it } from 'vitest';
import { articleByAnalogy, citationByAnalogy, clockTrigger, flowSteps, getPack, listPacks, step, type Resumption, type StepRule } from '../../rules/index.js';

/** Every resumption in every pack: the step it resumes and the resumption. */
const resumptions: [string, StepRule, Resumption][] = listPacks().flatMap((p) =>
  p.flows.flatMap((f) =>
    flowSteps(getPack(p.id), f)
      .filter((s) => s.resumes)
      .map((s) => [`${p.id}/${f}: ${s.id} → ${s.resumes!.stepId}`, step(getPack(p.id), f, s.resumes!.stepId), s.resumes!] as [string, StepRule, Resumption]),
  ),
);

describe('a resumed step cites its article by analogy', () => {
  it('there are resumptions to cite: after completion, an order to provide or repair, a corrected update', () => {
    expect(new Set(resumptions.map(([, , r]) => r.on[0]))).toEqual(new Set(['resubmit', 'order-provision', 'order-repair']));
  });

  it('the article reads 参照… (…, applied by analogy) in both halves', () => {
    expect(articleByAnalogy('征求意见稿第十九条 (2022 draft art. 19)')).toBe('参照征求意见稿第十九条 (2022 draft art. 19, applied by analogy)');
    expect(articleByAnalogy('第13条 (art. 13)')).toBe('参照第13条 (art. 13, applied by analogy)');
  });

  it.each(resumptions)('%s', (_name, resumed, by) => {
    const c = citationByAnalogy(resumed, by);
    expect(c.article).toBe(articleByAnalogy(resumed.citation.article));
    expect(c.byAnalogy).toBe(true);
    expect(c.textZh).toBe(resumed.citation.textZh);
    expect(c.note).toContain(`参照适用:该条的期限${resumed.clockStartsAt.zh}计算;本步骤系${by.zh}`);
    expect(c.note).toContain(`Applied by analogy: the article counts its period ${resumed.clockStartsAt.en}`);
    if (resumed.citation.note) expect(c.note!.endsWith(resumed.citation.note)).toBe(true);

    const trigger = clockTrigger(resumed, by);
    expect(trigger.byAnalogy).toBe(true);
    expect(trigger.zh.startsWith(by.zh)).toBe(true);
    expect(trigger.zh).toContain('(参照');
    expect(trigger.en.startsWith(by.en)).toBe(true);
    expect(trigger.en).toContain('applied by analogy');
  });

  it('a step not resumed cites its article as it is, and its trigger is the text’s own', () => {
    const review = step(getPack('hebei-2023'), 'conditional-share', 'review-forward');
    expect(clockTrigger(review)).toEqual({ zh: '自收到申请之日起', en: 'from receipt of the request' });
    expect(review.citation.article).toBe('征求意见稿第十九条 (2022 draft art. 19)');
    expect(review.citation.byAnalogy).toBeUndefined();
  });
});
