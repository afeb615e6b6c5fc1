/**
 * Item 19: the explanation of each deadline names what starts it as the text says it (自收到申请之日起…), in each
 * language; for a step taken again after a return, the restart and that the article applies by analogy.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import { clockTrigger, getPack, step } from '../../rules';
import { DeadlineExplained } from '../../ui/src/components/deadline';
import { dictionaries } from '../../ui/src/i18n';
import type { Deadline } from '../../ui/src/types';
import { renderIn } from './render';

const deadline = nationalCalendar.deadline({ start: '2025-09-28T10:00:00+08:00', n: 3, jurisdiction: 'hebei' }) as unknown as Deadline;
const review = step(getPack('hebei-2023'), 'conditional-share', 'review-forward');
const completion = step(getPack('hebei-2023'), 'conditional-share', 'complete-request');

describe('a deadline explanation names its legal trigger', () => {
  it('自收到申请之日起 / from receipt of the request, beside the period', () => {
    const trigger = clockTrigger(review);
    const zh = renderIn('zh', createElement(DeadlineExplained, { deadline, trigger }));
    const en = renderIn('en', createElement(DeadlineExplained, { deadline, trigger }));
    expect(zh).toContain(`<dt>${dictionaries.zh.deadlineTrigger}</dt><dd data-testid="deadline-trigger">自收到申请之日起</dd>`);
    expect(en).toContain(`<dt>${dictionaries.en.deadlineTrigger}</dt><dd data-testid="deadline-trigger">from receipt of the request</dd>`);
    expect(zh).not.toContain(dictionaries.zh.deadlineTriggerAnalogy);
    // A task opened before triggers were recorded: the explanation stands without one.
    expect(renderIn('zh', createElement(DeadlineExplained, { deadline, trigger: null }))).not.toContain('deadline-trigger');
  });

  it('a resumed step: the restart, marked as applied by analogy, in each language', () => {
    const trigger = clockTrigger(review, completion.resumes);
    const zh = renderIn('zh', createElement(DeadlineExplained, { deadline, trigger }));
    const en = renderIn('en', createElement(DeadlineExplained, { deadline, trigger }));
    expect(zh).toContain(trigger.zh);
    expect(zh).toContain(dictionaries.zh.deadlineTriggerAnalogy);
    expect(en).toContain(trigger.en);
    expect(en).toContain(dictionaries.en.deadlineTriggerAnalogy);
  });
});
