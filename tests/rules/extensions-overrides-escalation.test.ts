/** Extensions within the statutory maximum; local policy overridable per jurisdiction, law never; the escalation ladder. */
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar/index.js';
import {
  applyPolicyOverrides,
  escalationSchedule,
  getPack,
  packFor,
  PolicyOverrideError,
  previewTimeline,
  step,
  validateExtension,
} from '../../rules/index.js';

describe('validateExtension', () => {
  it.each([
    ['hebei-2023', 'catalogue-change', 'submit-update', 10],
    ['hebei-2022-draft', 'catalogue-change', 'submit-update', 20],
    ['hebei-2023', 'quality-dispute', 'verify-answer', 10],
    ['anhui-2021', 'quality-dispute', 'verify-answer', 7],
  ])('%s %s/%s: up to %i WD', (pack, flow, stepId, max) => {
    const p = getPack(pack);
    expect(validateExtension(p, flow, stepId, max)).toEqual({ ok: true, n: max, max: { n: max, unit: 'working-days' }, remaining: 0 });
    expect(validateExtension(p, flow, stepId, max + 1)).toMatchObject({ ok: false, reason: 'over-limit', max: { n: max } });
    expect(validateExtension(p, flow, stepId, 2, max - 1)).toMatchObject({ ok: false, reason: 'over-limit' });
    expect(validateExtension(p, flow, stepId, 1, max - 1)).toMatchObject({ ok: true, remaining: 0 });
    expect(validateExtension(p, flow, stepId, 0)).toMatchObject({ ok: false, reason: 'invalid-length' });
    expect(validateExtension(p, flow, stepId, 1.5)).toMatchObject({ ok: false, reason: 'invalid-length' });
  });

  it.each([
    ['anhui-2021', 'catalogue-change', 'submit-update'],
    ['hebei-2016', 'conditional-share', 'provider-explanation'],
    ['hebei-2023', 'conditional-share', 'provider-reply'],
    ['hebei-2023', 'catalogue-change', 'review-update'],
  ])('%s %s/%s: no extension allowed', (pack, flow, stepId) => {
    expect(validateExtension(getPack(pack), flow, stepId, 1)).toMatchObject({ ok: false, reason: 'no-extension' });
  });
});

describe('applyPolicyOverrides', () => {
  const base = getPack('hebei-2023');

  it('replaces policy values, records the default and the label, leaves the original pack alone', () => {
    const p = applyPolicyOverrides(base, {
      label: 'shijiazhuang',
      escalation: { rectificationGrace: { n: 3, unit: 'working-days' } },
      returnForCompletion: { maxReturns: 2 },
      periods: { 'conditional-share': { 'coordinate-decide': { n: 15, unit: 'working-days' } } },
    });
    const s = step(p, 'conditional-share', 'coordinate-decide');
    expect(s.period).toEqual({ n: 15, unit: 'working-days' });
    expect(s.overridden).toEqual({ default: { n: 10, unit: 'working-days' }, label: 'shijiazhuang' });
    expect(p.policy.escalation.rectificationGrace).toMatchObject({ value: { n: 3 }, overridden: { default: { n: 2 } } });
    expect(p.policy.escalation.rectificationTimeLimit.value).toEqual({ n: 5, unit: 'working-days' });
    expect(p.policy.returnForCompletion.maxReturns.value).toBe(2);
    expect(p.appliedOverrides?.label).toBe('shijiazhuang');
    expect(step(base, 'conditional-share', 'coordinate-decide').period.n).toBe(10);
    // the preview follows the override: 15 WD from the objection due 10-29 → 10-30 … 11-19
    const co = previewTimeline(p, 'conditional-share', '2025-09-28T10:00:00+08:00').find((x) => x.stepId === 'coordinate-decide');
    expect(co?.due).toBe('2025-11-19');
  });

  it('packFor applies the jurisdiction overrides', () => {
    const p = packFor('anhui', '2025-09-28T10:00:00+08:00', { overrides: { periods: { 'negative-list': { 'authority-review': { n: 5, unit: 'working-days' } } } } });
    expect(step(p, 'negative-list', 'authority-review').period.n).toBe(5);
  });

  it('refuses to override law or draft figures, unknown flows and steps, and bad periods', () => {
    const wd = (n: number) => ({ n, unit: 'working-days' as const });
    expect(() => applyPolicyOverrides(base, { periods: { 'conditional-share': { 'provider-reply': wd(7) } } })).toThrow(PolicyOverrideError);
    expect(() => applyPolicyOverrides(base, { periods: { 'catalogue-change': { 'submit-update': wd(20) } } })).toThrow(/law, not policy/);
    expect(() => applyPolicyOverrides(getPack('hebei-2016'), { periods: { 'negative-list': {} } })).toThrow(/no such flow/);
    expect(() => applyPolicyOverrides(base, { periods: { 'conditional-share': { 'joint-decision': wd(5) } } })).toThrow(/no such step/);
    expect(() => applyPolicyOverrides(base, { escalation: { rectificationTimeLimit: wd(0) } })).toThrow(PolicyOverrideError);
    expect(() => applyPolicyOverrides(base, { escalation: { reminderBefore: { n: 1, unit: 'hours' as never } } })).toThrow(/unit/);
  });
});

describe('escalationSchedule', () => {
  const policy = getPack('anhui-2021').policy.escalation;

  it('defaults: remind 1 WD before, overdue at due, rectify after 2 WD with 5 WD to comply, then report', () => {
    // Anhui provider reply received 2025-09-28: due Tue 10-14 (see preview test)
    const d = nationalCalendar.deadline({ start: '2025-09-28T10:00:00+08:00', n: 7, jurisdiction: 'anhui' });
    expect(escalationSchedule(d, policy)).toEqual({
      // one working day (10-14 itself) before 24:00 of 10-14
      reminderAt: '2025-10-14T00:00:00+08:00',
      overdueAt: '2025-10-15T00:00:00+08:00',
      // 2 WD after 10-14: 15, 16 → at 24:00 of 10-16
      rectificationAt: '2025-10-17T00:00:00+08:00',
      // 5 WD counted from the notice day 10-17: 20, 21, 22, 23, 24
      rectificationDueAt: '2025-10-25T00:00:00+08:00',
      governmentReportAt: '2025-10-25T00:00:00+08:00',
    });
  });

  it('a reminder 2 WD before skips the holiday: due Thu 10-09 → from 00:00 of Tue 9-30', () => {
    const p = applyPolicyOverrides(getPack('hebei-2023'), { escalation: { reminderBefore: { n: 2, unit: 'working-days' } } });
    const d = nationalCalendar.deadline({ start: '2025-09-28T10:00:00+08:00', n: 3, jurisdiction: 'hebei' });
    expect(escalationSchedule(d, p.policy.escalation).reminderAt).toBe('2025-09-30T00:00:00+08:00');
  });

  it('no reminder when the period is shorter than the lead time', () => {
    const d = nationalCalendar.deadline({ start: '2025-10-13T09:00:00+08:00', n: 1, jurisdiction: 'hebei' });
    const p = applyPolicyOverrides(getPack('hebei-2023'), { escalation: { reminderBefore: { n: 2, unit: 'working-days' } } });
    expect(escalationSchedule(d, p.policy.escalation).reminderAt).toBeNull();
  });

  it('every pack cites its supervision articles for the ladder', () => {
    expect(getPack('anhui-2021').policy.escalation.rectificationGrace.citation.article).toContain('art. 43');
    expect(getPack('hebei-2023').policy.escalation.rectificationGrace.citation.article).toContain('art. 39');
    expect(getPack('hebei-2023').policy.escalation.governmentReport.citation.article).toContain('art. 41');
    expect(getPack('hebei-2016').policy.escalation.rectificationGrace.citation.article).toContain('art. 21');
    for (const id of ['hebei-2023', 'hebei-2016', 'anhui-2021', 'hebei-2022-draft']) {
      const e = getPack(id).policy.escalation;
      expect([e.reminderBefore.basis, e.rectificationGrace.basis, e.rectificationTimeLimit.basis]).toEqual(['policy', 'policy', 'policy']);
    }
  });
});
