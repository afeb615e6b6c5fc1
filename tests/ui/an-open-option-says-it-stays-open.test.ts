/**
 * Item 10: a party's option that the text sets no time limit on is shown as what it is: a suggested date (local
 * policy, when a reminder goes out) and an option that stays open — never 逾期 / overdue, in either language; an
 * option that lapses says so, and on what authority.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { legacyOptionTerms, getPack, optionTerms, step } from '../../rules';
import { DueBadge, OptionNote } from '../../ui/src/components/deadline';
import { dictionaries } from '../../ui/src/i18n';
import type { Task } from '../../ui/src/types';
import { renderIn } from './render';

const objection = step(getPack('hebei-2023'), 'conditional-share', 'requester-objection');

/** An objection task whose suggested period ended on 2025-10-14 and that is still open. */
function task(option: Task['option'], timeLeft: Task['timeLeft']): Task {
  return {
    id: 'r/requester-objection/1',
    requestId: 'r',
    step: 'requester-objection',
    titleZh: objection.titleZh,
    titleEn: objection.titleEn,
    assigneeDepartmentId: 'hb-mzt',
    assigneeRole: 'requester',
    status: 'open',
    overdue: false,
    rung: null,
    dueAt: '2025-10-14T16:00:00.000Z',
    deadline: { due: '2025-10-14', provisional: false } as Task['deadline'],
    citation: objection.citation,
    option,
    decisions: ['object', 'waive'],
    reasonRequiredFor: ['object'],
    timeLeft,
    decision: null,
    reason: null,
    completedBy: null,
    completedAt: null,
    createdAt: '2025-09-30T02:00:00.000Z',
    claimedBy: null,
    claimedAt: null,
  };
}

describe('an open option says it stays open', () => {
  const open = task(optionTerms(objection.option!), null);

  it('its date is a suggestion and the option stays open: no 逾期 / overdue in either language', () => {
    const zh = renderIn('zh', createElement(DueBadge, { task: open }));
    const en = renderIn('en', createElement(DueBadge, { task: open }));
    expect(zh).toContain('建议 2025年10月14日');
    expect(zh).toContain('前办理（本地政策，提醒时点）');
    expect(zh).toContain(dictionaries.zh.optionStaysOpen);
    expect(zh).not.toMatch(/逾期|到期/);
    expect(en).toContain('suggested by');
    expect(en).toContain(dictionaries.en.optionStaysOpen);
    expect(en).not.toMatch(/overdue|due /i);
  });

  it('the task says why, each language complete on its own', () => {
    const text = (html: string) => html.replace(/<[^>]+>/g, '');
    const zh = text(renderIn('zh', createElement(OptionNote, { option: open.option! })));
    const en = text(renderIn('en', createElement(OptionNote, { option: open.option! })));
    expect(zh).toContain('本办法征求意见稿未规定提出异议的期限：期满不丧失该选项');
    expect(zh).not.toMatch(/[A-Za-z]{4,}/);
    expect(en).toContain('The consultation draft of the Measures sets no time limit for objecting to a refusal');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('an option that lapses (a case begun under the old local policy) keeps its deadline and says the lapse is local policy', () => {
    const lapsing = task(legacyOptionTerms(objection.option!), { state: 'overdue', overdue: true, workingDays: 2 });
    const badge = renderIn('zh', createElement(DueBadge, { task: lapsing }));
    expect(badge).toContain('到期');
    expect(badge).not.toContain(dictionaries.zh.optionStaysOpen);
    const note = renderIn('zh', createElement(OptionNote, { option: lapsing.option! }));
    expect(note).toContain(dictionaries.zh.optionLapsesPolicy);
    expect(note).toContain('本案开始时适用的本地政策(并非法定后果)');
  });
});
