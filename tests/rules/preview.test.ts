/**
 * Latest-possible timelines, with the due dates worked out by hand.
 *
 * 2025 National Day + Mid-Autumn (国办发明电〔2024〕12号): Oct 1–8 off; Sun Sep 28 and Sat Oct 11 are make-up working
 * days. A request received on Sun 2025-09-28 at 10:00: the day of receipt is not counted (Civil Code art. 201),
 * counting starts Mon Sep 29. A step's clock starting at an earlier step counts from that step's due date (the
 * earlier step completed on its last day, which is not counted either).
 */
import { describe, expect, it } from 'vitest';
import { flowSteps, getPack, listPacks, previewTimeline, type PreviewStep } from '../../rules/index.js';

const RECEIVED = '2025-09-28T10:00:00+08:00';

const view = (steps: PreviewStep[]) =>
  steps.map((s) => ({ stepId: s.stepId, due: s.due, endsAt: s.endsAt, skipped: s.skipped, branch: s.branch?.after }));

describe('hebei-2023 conditional-share received Sun 2025-09-28 10:00', () => {
  const steps = previewTimeline(getPack('hebei-2023'), 'conditional-share', RECEIVED);

  it('gives the hand-computed due dates', () => {
    expect(view(steps)).toEqual([
      // 3 WD from receipt: Mon 9-29 (1), Tue 9-30 (2), Oct 1–8 off (8 skipped), Thu 10-09 (3)
      { stepId: 'review-forward', due: '2025-10-09', endsAt: '2025-10-10T00:00:00+08:00', skipped: 8, branch: undefined },
      // 5 WD from 10-09: Fri 10-10 (1), Sat 10-11 make-up (2), Sun 10-12 skipped, Mon 13 (3), Tue 14 (4), Wed 15 (5)
      { stepId: 'provider-reply', due: '2025-10-15', endsAt: '2025-10-16T00:00:00+08:00', skipped: 1, branch: undefined },
      // 3 WD from the reply on 10-15: Thu 16, Fri 17, (Sat 18, Sun 19 skipped), Mon 20
      { stepId: 'provide-data', due: '2025-10-20', endsAt: '2025-10-21T00:00:00+08:00', skipped: 2, branch: undefined },
      // branch, return for completion (policy 10 WD) from review-forward's 10-09: 10,11,13,14,15,16,17,20,21,22
      { stepId: 'complete-request', due: '2025-10-22', endsAt: '2025-10-23T00:00:00+08:00', skipped: 3, branch: 'review-forward' },
      // branch, objection window (policy 10 WD) from the refusal on 10-15: 16,17,20,21,22,23,24,27,28,29
      { stepId: 'requester-objection', due: '2025-10-29', endsAt: '2025-10-30T00:00:00+08:00', skipped: 4, branch: 'provider-reply' },
      // branch, coordination (policy 10 WD) from the objection on 10-29: 30,31, Nov 3,4,5,6,7,10,11,12
      { stepId: 'coordinate-decide', due: '2025-11-12', endsAt: '2025-11-13T00:00:00+08:00', skipped: 4, branch: 'requester-objection' },
    ]);
  });

  it('names actors, roles, clocks, bases and branch conditions', () => {
    expect(steps.map((s) => [s.stepId, s.actor, s.role, s.clockStartsAt, s.periodBasis])).toEqual([
      ['review-forward', 'authority', 'authority-reviewer', 'receipt', 'draft'],
      ['provider-reply', 'provider', 'provider', 'review-forward', 'draft'],
      ['provide-data', 'authority', 'authority-reviewer', 'provider-reply', 'draft'],
      ['complete-request', 'requester', 'requester', 'previous-step', 'policy'],
      ['requester-objection', 'requester', 'requester', 'previous-step', 'policy'],
      ['coordinate-decide', 'authority', 'authority-reviewer', 'previous-step', 'policy'],
    ]);
    expect(steps[4]!.branch).toMatchObject({ after: 'provider-reply', on: ['refuse'], en: 'sharing refused' });
    expect(steps.every((s) => !s.provisional)).toBe(true);
  });

  it('marks the draft-sourced figures in their citation', () => {
    for (const s of steps.filter((x) => x.periodBasis === 'draft')) expect(s.citation.note).toMatch(/consultation draft/);
  });
});

describe('anhui-2021 conditional-share received Sun 2025-09-28 10:00', () => {
  it('gives the hand-computed due dates', () => {
    expect(view(previewTimeline(getPack('anhui-2021'), 'conditional-share', RECEIVED))).toEqual([
      // art. 25: 7 WD from receipt: 9-29, 9-30, (Oct 1–8 off), 10-09, 10-10, Sat 10-11 make-up, (Sun 12), 10-13, 10-14
      { stepId: 'provider-reply', due: '2025-10-14', endsAt: '2025-10-15T00:00:00+08:00', skipped: 9, branch: undefined },
      // policy 3 WD from the agreement on 10-14: 15, 16, 17
      { stepId: 'provide-data', due: '2025-10-17', endsAt: '2025-10-18T00:00:00+08:00', skipped: 0, branch: undefined },
      // policy 10 WD from 10-14: 15,16,17,20,21,22,23,24,27,28
      { stepId: 'complete-request', due: '2025-10-28', endsAt: '2025-10-29T00:00:00+08:00', skipped: 4, branch: 'provider-reply' },
      { stepId: 'requester-objection', due: '2025-10-28', endsAt: '2025-10-29T00:00:00+08:00', skipped: 4, branch: 'provider-reply' },
      // policy 10 WD from 10-28: 29,30,31, Nov 3,4,5,6,7,10,11
      { stepId: 'coordinate-decide', due: '2025-11-11', endsAt: '2025-11-12T00:00:00+08:00', skipped: 4, branch: 'requester-objection' },
    ]);
  });

  it('unconditional data is immediate: due at receipt', () => {
    const [s] = previewTimeline(getPack('anhui-2021'), 'unconditional-share', RECEIVED);
    expect(s).toMatchObject({ stepId: 'direct-access', immediate: true, due: '2025-09-28', endsAt: RECEIVED, skipped: 0 });
  });
});

describe('catalogue-change extensions: 2023 news +10 WD, 2022 draft +20 WD', () => {
  // A change on Sun 2025-09-28: 10 WD: 9-29, 9-30, 10-09, 10, 11 (Sat make-up), 13, 14, 15, 16, 17 → Fri 10-17.
  // +10 WD from 10-17: 20,21,22,23,24,27,28,29,30,31 → 10-31; +20 WD → 11-14.
  it.each([
    ['hebei-2023', '2025-10-31'],
    ['hebei-2022-draft', '2025-11-14'],
  ])('%s: update due 10-17, extended %s', (packId, extended) => {
    const [submit, review] = previewTimeline(getPack(packId), 'catalogue-change', RECEIVED);
    expect(submit).toMatchObject({ stepId: 'submit-update', due: '2025-10-17', extension: { due: extended, approvedBy: 'authority' } });
    // review 10 WD from the submission on 10-17 (extensions are not carried forward): 20..24, 27..31 → 10-31
    expect(review).toMatchObject({ stepId: 'review-update', due: '2025-10-31', periodBasis: 'draft' });
  });

  it('anhui: 10 WD to update, then 3 WD to report (art. 15)', () => {
    const [update, report] = previewTimeline(getPack('anhui-2021'), 'catalogue-change', RECEIVED);
    expect(update).toMatchObject({ stepId: 'submit-update', due: '2025-10-17' });
    // 3 WD from 10-17: Mon 20, 21, 22
    expect(report).toMatchObject({ stepId: 'report-update', due: '2025-10-22', clockStartsAt: 'submit-update' });
  });
});

describe('hebei-2016 conditional-share: natural-day periods (art. 13)', () => {
  // Received Fri 2022-08-19 10:00. 2022: Mid-Autumn Sep 10–12 off; National Day Oct 1–7 off, Sat Oct 8 and Sun Oct 9
  // make-up working days (国办发明电〔2021〕11号).
  const steps = previewTimeline(getPack('hebei-2016'), 'conditional-share', '2022-08-19T10:00:00+08:00');
  const due = Object.fromEntries(steps.map((s) => [s.stepId, s.due]));

  it('consultation and the no-agreement path', () => {
    // consultation, policy 10 WD: Aug 22–26, Aug 29–Sep 2 → Fri 09-02
    expect(due['consultation']).toBe('2022-09-02');
    // provision, policy 3 WD from 09-02: 5, 6, 7
    expect(due['provide-data']).toBe('2022-09-07');
    // application window, policy 10 WD from 09-02: 5,6,7,8,9, (Mon 12 Mid-Autumn), 13,14,15,16,19
    expect(due['requester-objection']).toBe('2022-09-19');
    // explanation, 15 days from 09-19 → Tue Oct 4, a holiday → first working day after it: Sat Oct 8 (make-up day)
    expect(due['provider-explanation']).toBe('2022-10-08');
    // coordination, 30 days from 10-08 → Mon Nov 7, a working day
    expect(due['coordinate-decide']).toBe('2022-11-07');
  });

  it('the 15 and 30 days are natural days, by law', () => {
    const byId = Object.fromEntries(steps.map((s) => [s.stepId, s]));
    expect(byId['provider-explanation']).toMatchObject({ period: { n: 15, unit: 'days' }, periodBasis: 'law', branch: { after: 'requester-objection' } });
    expect(byId['coordinate-decide']).toMatchObject({ period: { n: 30, unit: 'days' }, periodBasis: 'law', branch: { after: 'provider-explanation' } });
  });
});

describe('every preview of every pack and flow', () => {
  const all = listPacks().flatMap((p) => p.flows.map((f) => [p.id, f] as const));

  it.each(all)('%s / %s: policy values flagged, citations in both languages, branches after the main path', (packId, flow) => {
    const pack = getPack(packId);
    const steps = previewTimeline(pack, flow, RECEIVED);
    expect(steps.map((s) => s.stepId)).toEqual(flowSteps(pack, flow).map((s) => s.id));
    let seenBranch = false;
    for (const s of steps) {
      expect(s.citation.textZh.trim(), s.stepId).not.toBe('');
      expect(s.citation.textEn.trim(), s.stepId).not.toBe('');
      expect(s.citation.source).toBe(packId);
      expect(s.citation.article.trim()).not.toBe('');
      if (s.periodBasis === 'policy') {
        expect(s.policy?.zh, s.stepId).toBeTruthy();
        expect(s.policy?.en, s.stepId).toBeTruthy();
        expect(s.citation.note, s.stepId).toMatch(/Local policy|本地政策/);
      }
      if (s.branch) seenBranch = true;
      else expect(seenBranch, `${s.stepId} is a main step after a branch step`).toBe(false);
      expect(s.due >= '2025-09-28').toBe(true);
    }
  });
});
