/**
 * Item 10: the API says truthfully what an option that stays open is. Its task has no time left to run out
 * (`timeLeft: null`, not 逾期), carries the sentence why (`option`) and the legal trigger of its clock; the assessment
 * does not count it as late. An option that lapses keeps its countdown.
 */
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar';
import type { tasks } from '../../db/schema';
import { getPack, legacyOptionTerms, optionTerms, step } from '../../rules';
import { assess } from '../../api/assessment';
import { staysOpen, taskView } from '../../api/views';

const objection = step(getPack('anhui-2021'), 'conditional-share', 'requester-objection');
const deadline = nationalCalendar.deadline({ start: '2025-09-01T10:00:00+08:00', n: 10, jurisdiction: 'anhui' });
// Computed, not assumed: a month after the suggested period ended.
const now = new Date(Date.parse(deadline.endsAt) + 30 * 86_400_000);

function row(option: typeof tasks.$inferSelect.option): typeof tasks.$inferSelect {
  return {
    id: 'r/requester-objection/1',
    requestId: 'r',
    step: 'requester-objection',
    titleZh: objection.titleZh,
    titleEn: objection.titleEn,
    assigneeDepartmentId: 'ah-mzt',
    assigneeRole: 'requester',
    status: 'open',
    overdue: false,
    rung: null,
    dueAt: new Date(deadline.endsAt),
    deadline: deadline as unknown as Record<string, unknown>,
    citation: { ...objection.citation },
    trigger: { zh: objection.clockStartsAt.zh, en: objection.clockStartsAt.en },
    option,
    decisions: ['object', 'waive'],
    reasonRequiredFor: ['object'],
    extensionRequest: null,
    claimedBy: null,
    claimedAt: null,
    completedBy: null,
    completedAt: null,
    decision: null,
    reason: null,
    legalBasis: null,
    createdAt: new Date('2025-09-01T02:00:00Z'),
  };
}

describe('an open option has no time left and is never late', () => {
  const open = row(optionTerms(objection.option!));
  const lapsing = row(legacyOptionTerms(objection.option!));

  it('its task has no countdown, and says why and what starts its clock', () => {
    const view = taskView(open, nationalCalendar, now);
    expect(view.timeLeft).toBeNull();
    expect(view.option).toMatchObject({ lapses: false });
    expect(view.option!.zh).toContain('本办法未规定提出异议的期限');
    expect(view.trigger).toEqual({ zh: '自收到不予共享答复之日起', en: 'from receipt of the refusal' });
    expect(taskView(lapsing, nationalCalendar, now).timeLeft).toMatchObject({ state: 'overdue', overdue: true });
  });

  it('the assessment does not count it as due or late; a lapsing option it does', () => {
    // As GET /api/assessment builds its facts.
    const fact = (t: typeof open) => ({ assigneeDepartmentId: 'ah-mzt', status: t.status, dueAt: t.dueAt, completedAt: null, jurisdiction: 'anhui', staysOpen: staysOpen(t) });
    expect(assess(nationalCalendar, [fact(open)], [], now)).toEqual([]);
    expect(assess(nationalCalendar, [fact(lapsing)], [], now)[0]).toMatchObject({ tasksDue: 1, openOverdue: 1 });
  });
});
