/**
 * Every figure of every pack, pinned against ../shared/STATUTES.md ("The processes and their deadlines"). A row per
 * pack × flow × step: period, unit, basis (law / draft / policy), extension, and the article cited.
 * "—" in STATUTES.md (no deadline in the text) must appear here as `policy`.
 */
import { describe, expect, it } from 'vitest';
import { flowSteps, getPack, listPacks, type PeriodBasis } from '../../rules/index.js';

type Ext = readonly [n: number, approvedBy: string, basis: PeriodBasis] | null;
type Row = readonly [flow: string, step: string, n: number, unit: 'working-days' | 'days', basis: PeriodBasis, ext: Ext, article: string];

const WD = 'working-days';

/** Hebei 2023: catalogue update 10 WD + 10 WD from the news summary; every other figure from draft art. 11/19/20. */
const hebei2023: Row[] = [
  ['unconditional-share', 'provide-data', 3, WD, 'draft', null, 'art. 19'],
  ['unconditional-share', 'complete-request', 10, WD, 'policy', null, 'art. 19'],
  ['conditional-share', 'review-forward', 3, WD, 'draft', null, 'art. 19'],
  ['conditional-share', 'provider-reply', 5, WD, 'draft', null, 'art. 19'],
  ['conditional-share', 'provide-data', 3, WD, 'draft', null, 'art. 19'],
  ['conditional-share', 'complete-request', 10, WD, 'policy', null, 'art. 19'],
  ['conditional-share', 'requester-objection', 10, WD, 'policy', null, 'art. 19'],
  ['conditional-share', 'coordinate-decide', 10, WD, 'policy', null, 'art. 19'],
  ['catalogue-change', 'submit-update', 10, WD, 'law', [10, 'authority', 'law'], 'Hebei Daily'],
  ['catalogue-change', 'review-update', 10, WD, 'draft', null, 'art. 11'],
  ['catalogue-change', 'correct-update', 5, WD, 'policy', null, 'art. 11'],
  ['quality-dispute', 'forward-dispute', 3, WD, 'draft', null, 'art. 20'],
  ['quality-dispute', 'verify-answer', 10, WD, 'draft', [10, 'authority', 'draft'], 'art. 20'],
  ['quality-dispute', 'requester-response', 5, WD, 'policy', null, 'art. 20'],
  ['quality-dispute', 'coordinate-decide', 10, WD, 'policy', null, 'art. 20'],
  ['negative-list', 'authority-review', 10, WD, 'policy', null, 'art. 15'],
  ['negative-list', 'government-approval', 20, WD, 'policy', null, 'art. 15'],
  ['negative-list', 'record-filing', 10, WD, 'policy', null, 'art. 15'],
  // Art. 21: a city's or county's department asks the upper-level authority through its own; the relay has no period.
  ['cross-level-unconditional-share', 'relay-upward', 3, WD, 'policy', null, 'art. 21'],
  ['cross-level-unconditional-share', 'provide-data', 3, WD, 'draft', null, 'art. 19'],
  ['cross-level-unconditional-share', 'complete-request', 10, WD, 'policy', null, 'art. 19'],
  ['cross-level-conditional-share', 'relay-upward', 3, WD, 'policy', null, 'art. 21'],
  ['cross-level-conditional-share', 'review-forward', 3, WD, 'draft', null, 'art. 19'],
  ['cross-level-conditional-share', 'provider-reply', 5, WD, 'draft', null, 'art. 19'],
  ['cross-level-conditional-share', 'provide-data', 3, WD, 'draft', null, 'art. 19'],
  ['cross-level-conditional-share', 'complete-request', 10, WD, 'policy', null, 'art. 19'],
  ['cross-level-conditional-share', 'requester-objection', 10, WD, 'policy', null, 'art. 19'],
  ['cross-level-conditional-share', 'coordinate-decide', 10, WD, 'policy', null, 'art. 19'],
];

/** The 2022 draft: the same, but the catalogue extension is +20 WD (art. 11) and every figure is `draft`. */
const hebei2022Draft: Row[] = hebei2023.map((r) =>
  r[1] === 'submit-update' ? (['catalogue-change', 'submit-update', 10, WD, 'draft', [20, 'authority', 'draft'], 'art. 11'] as const) : r,
);

/** Hebei 2016 (art. 11, 12, 13, 16): only the explanation (15 days) and the coordination (30 days) have periods. */
const hebei2016: Row[] = [
  ['unconditional-share', 'provide-data', 3, WD, 'policy', null, 'art. 12'],
  ['unconditional-share', 'complete-request', 10, WD, 'policy', null, 'art. 12'],
  ['conditional-share', 'consultation', 10, WD, 'policy', null, 'art. 13'],
  ['conditional-share', 'provide-data', 3, WD, 'policy', null, 'art. 13'],
  ['conditional-share', 'requester-objection', 10, WD, 'policy', null, 'art. 13'],
  ['conditional-share', 'provider-explanation', 15, 'days', 'law', null, 'art. 13'],
  ['conditional-share', 'coordinate-decide', 30, 'days', 'law', null, 'art. 13'],
  ['conditional-share', 'joint-decision', 20, WD, 'policy', null, 'art. 13'],
  ['catalogue-change', 'submit-update', 10, WD, 'policy', null, 'art. 11'],
  ['quality-dispute', 'verify-answer', 10, WD, 'policy', null, 'art. 16'],
  ['quality-dispute', 'requester-response', 5, WD, 'policy', null, 'art. 16'],
  ['quality-dispute', 'coordinate-decide', 10, WD, 'policy', null, 'art. 21'],
];

/**
 * Anhui 2021 (art. 15, 22, 25, 26, 27): direct access; reply 7 WD; quality 7 WD + ≤ 7 WD (through the platform: the
 * platform's organisation agrees; to the provider directly: the provider); catalogue 10 WD then 3 WD; inconsistent
 * data (art. 27) consulted then coordinated, with no period in the text (policy).
 */
const anhui2021: Row[] = [
  ['unconditional-share', 'direct-access', 0, WD, 'law', null, 'art. 25'],
  ['conditional-share', 'provider-reply', 7, WD, 'law', null, 'art. 25'],
  ['conditional-share', 'provide-data', 3, WD, 'policy', null, 'art. 25'],
  ['conditional-share', 'complete-request', 10, WD, 'policy', null, 'art. 24'],
  ['conditional-share', 'requester-objection', 10, WD, 'policy', null, 'art. 21'],
  ['conditional-share', 'coordinate-decide', 10, WD, 'policy', null, 'art. 21'],
  ['catalogue-change', 'submit-update', 10, WD, 'law', null, 'art. 15'],
  ['catalogue-change', 'report-update', 3, WD, 'law', null, 'art. 15'],
  ['catalogue-change', 'review-update', 10, WD, 'policy', null, 'art. 13'],
  ['catalogue-change', 'correct-update', 5, WD, 'policy', null, 'art. 13'],
  ['quality-dispute', 'verify-answer', 7, WD, 'law', [7, 'authority', 'law'], 'art. 26'],
  ['quality-dispute', 'requester-response', 5, WD, 'policy', null, 'art. 26'],
  ['quality-dispute', 'coordinate-decide', 10, WD, 'policy', null, 'art. 27'],
  ['quality-dispute-direct', 'verify-answer', 7, WD, 'law', [7, 'provider', 'law'], 'art. 26'],
  ['quality-dispute-direct', 'requester-response', 5, WD, 'policy', null, 'art. 26'],
  ['quality-dispute-direct', 'coordinate-decide', 10, WD, 'policy', null, 'art. 27'],
  ['data-inconsistency', 'consultation', 10, WD, 'policy', null, 'art. 27'],
  ['data-inconsistency', 'coordinate-decide', 20, WD, 'policy', null, 'art. 27'],
  ['negative-list', 'authority-review', 10, WD, 'policy', null, 'art. 22'],
];

const TABLE: Record<string, Row[]> = {
  'hebei-2023': hebei2023,
  'hebei-2022-draft': hebei2022Draft,
  'hebei-2016': hebei2016,
  'anhui-2021': anhui2021,
};

describe.each(Object.entries(TABLE))('%s figures match STATUTES.md', (packId, rows) => {
  const pack = getPack(packId);

  it.each(rows)('%s / %s: %i %s, %s', (flow, stepId, n, unit, basis, ext, article) => {
    const s = flowSteps(pack, flow).find((x) => x.id === stepId);
    expect(s, `${flow}/${stepId}`).toBeDefined();
    expect(s!.period).toEqual({ n, unit });
    expect(s!.periodBasis).toBe(basis);
    expect(s!.citation.article).toContain(article);
    if (ext === null) expect(s!.extension).toBeUndefined();
    else {
      expect(s!.extension).toMatchObject({ max: { n: ext[0], unit }, approvedBy: ext[1], basis: ext[2] });
    }
  });

  it('the table lists every step of the pack, in order', () => {
    const actual = Object.entries(pack.flows).flatMap(([flow, steps]) => steps!.map((s) => `${flow}/${s.id}`));
    expect(actual).toEqual(rows.map((r) => `${r[0]}/${r[1]}`));
  });
});

describe('pack registry', () => {
  it('has exactly the four texts', () => {
    expect(listPacks().map((p) => p.id)).toEqual(['hebei-2023', 'hebei-2016', 'anhui-2021', 'hebei-2022-draft']);
  });

  it('Hebei 2016 has no negative-list procedure; the others have all five flows; the Hebei Measures route across levels (draft art. 21), Anhui has two more (art. 26 direct review, art. 27)', () => {
    expect(Object.keys(getPack('hebei-2016').flows)).not.toContain('negative-list');
    for (const id of ['hebei-2023', 'hebei-2022-draft']) {
      expect(Object.keys(getPack(id).flows)).toHaveLength(7);
      expect(Object.keys(getPack(id).flows)).toEqual(expect.arrayContaining(['cross-level-unconditional-share', 'cross-level-conditional-share']));
    }
    expect(Object.keys(getPack('anhui-2021').flows)).toEqual([
      'unconditional-share',
      'conditional-share',
      'catalogue-change',
      'quality-dispute',
      'quality-dispute-direct',
      'data-inconsistency',
      'negative-list',
    ]);
    for (const id of ['hebei-2023', 'hebei-2022-draft', 'hebei-2016']) {
      expect(getPack(id).flows['data-inconsistency']).toBeUndefined();
      expect(getPack(id).reviewProtection).toBeUndefined();
    }
  });

  it('Anhui art. 26 para. 3 is quoted as our source has it (English) and its Chinese marked as our back-translation', () => {
    const rule = getPack('anhui-2021').reviewProtection!;
    expect(rule.citation.textEn).toContain('During the data review period, natural persons, legal persons and unincorporated organizations');
    expect(rule.citation.zhBackTranslated).toBe(true);
    expect(rule.pendingStatuses).toEqual(['received', 'awaiting-verify-answer']);
  });

  it('Anhui unconditional data is direct access: one immediate step with no task decisions', () => {
    const [s, ...rest] = flowSteps(getPack('anhui-2021'), 'unconditional-share');
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({ id: 'direct-access', immediate: true, decisions: [] });
  });

  it('Anhui conditional requests go straight to the provider: no authority forwarding step', () => {
    const ids = flowSteps(getPack('anhui-2021'), 'conditional-share').map((s) => s.id);
    expect(ids).not.toContain('review-forward');
    expect(ids[0]).toBe('provider-reply');
  });

  it('refusals and returns must give reasons (draft art. 19, Anhui art. 21/25)', () => {
    for (const p of listPacks()) {
      for (const flow of p.flows) {
        for (const s of flowSteps(getPack(p.id), flow)) {
          for (const d of ['refuse', 'return-incomplete', 'return', 'reject', 'object'] as const) {
            if (s.decisions.includes(d)) expect(s.reasonRequiredFor, `${p.id}/${flow}/${s.id}/${d}`).toContain(d);
          }
        }
      }
    }
  });
});
