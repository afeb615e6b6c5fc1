/**
 * The hierarchy of texts: which apply to a case (jurisdiction, Asia/Shanghai receipt date), in rank order; a higher
 * text's rule prevails over a lower one for the same step; and a case whose higher text is not loaded says so.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidInstantError,
  LEGAL_TEXTS,
  TEXT_RANK_ORDER,
  applicableTexts,
  caseHierarchy,
  getPack,
  governingText,
  rankIndex,
  supersededBy,
  textInForceOn,
  type LegalText,
} from '../../rules/index.js';

const ids = (texts: readonly LegalText[]) => texts.map((t) => t.id);
const text = (id: string) => LEGAL_TEXTS.find((t) => t.id === id)!;
const CJK = /[\u3400-\u9fff]/;

describe('the registry of texts', () => {
  it('ranks an administrative regulation above provincial government rules, and a consultation draft below all as not law', () => {
    expect(TEXT_RANK_ORDER).toEqual(['law', 'administrative-regulation', 'local-regulation', 'government-rules', 'consultation-draft']);
    expect(ids(LEGAL_TEXTS)).toEqual(['state-council-809', 'hebei-2023', 'hebei-2016', 'anhui-2021', 'hebei-2022-draft']);
    const ranks = LEGAL_TEXTS.map((t) => rankIndex(t.rank));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('holds the national regulation as in force from 2025-08-01 everywhere, with no rule pack loaded', () => {
    expect(text('state-council-809')).toMatchObject({
      titleZh: '政务数据共享条例',
      number: { zh: '国务院令第809号' },
      rank: 'administrative-regulation',
      jurisdiction: 'national',
      inForce: { from: '2025-08-01' },
      binding: true,
      pack: null,
    });
  });

  it('holds the provincial texts with their loaded packs, in force as the packs say', () => {
    for (const id of ['hebei-2023', 'hebei-2016', 'anhui-2021'] as const) {
      const pack = getPack(id);
      expect(text(id)).toMatchObject({ rank: 'government-rules', jurisdiction: pack.jurisdiction, inForce: pack.inForce, binding: true, pack: id });
    }
    expect(text('hebei-2022-draft')).toMatchObject({ rank: 'consultation-draft', binding: false, inForce: null, pack: 'hebei-2022-draft' });
  });
});

describe('the texts that apply to a case, highest rank first', () => {
  it.each([
    ['hebei', '2025-09-28T10:00:00+08:00', ['state-council-809', 'hebei-2023']],
    ['anhui', '2025-09-28T10:00:00+08:00', ['state-council-809', 'anhui-2021']],
    ['hebei', '2024-06-03T10:00:00+08:00', ['hebei-2023']],
    ['hebei', '2022-06-01T10:00:00+08:00', ['hebei-2016']],
    ['anhui', '2020-06-01T10:00:00+08:00', []],
    // A province with no text of its own still has the national regulation.
    ['xinjiang', '2025-09-28T10:00:00+08:00', ['state-council-809']],
  ])('%s received %s → %j', (jurisdiction, receivedAt, expected) => {
    expect(ids(applicableTexts(jurisdiction, receivedAt))).toEqual(expected);
  });

  it.each([
    ['2025-07-31', false],
    ['2025-07-31T23:59:59+08:00', false],
    // 15:59:59Z is still 31 July in Shanghai; 16:00Z is 1 August 00:00 there.
    ['2025-07-31T15:59:59Z', false],
    ['2025-07-31T16:00:00Z', true],
    ['2025-08-01T00:00:00+08:00', true],
    ['2025-08-01', true],
  ])('the national regulation on %s (Asia/Shanghai date) applies: %s', (receivedAt, applies) => {
    expect(ids(applicableTexts('hebei', receivedAt)).includes('state-council-809')).toBe(applies);
    expect(caseHierarchy('hebei', receivedAt, 'hebei-2023').warning !== null).toBe(applies);
  });

  it('never applies the consultation draft, on any date', () => {
    const draft = text('hebei-2022-draft');
    for (const date of ['2022-08-12', '2022-10-01', '2023-01-01', '2025-08-01', '2030-01-01']) {
      expect(textInForceOn(draft, date)).toBe(false);
      expect(ids(applicableTexts('hebei', date))).not.toContain('hebei-2022-draft');
    }
  });

  it('rejects a malformed receipt instant with a named error', () => {
    expect(() => applicableTexts('hebei', '2025-08-01 10:00')).toThrow(InvalidInstantError);
  });
});

describe('a case whose higher text is not loaded says so', () => {
  it('received on 2025-08-01 or later: the warning names the regulation, its rank, and that the deadlines rest on the provincial rules alone', () => {
    const { applicableTexts: texts, warning, date } = caseHierarchy('hebei', '2025-09-28T10:00:00+08:00', 'hebei-2023');
    expect(date).toBe('2025-09-28');
    expect(texts.map((t) => [t.id, t.loaded, t.deadlinesFrom])).toEqual([
      ['state-council-809', false, false],
      ['hebei-2023', true, true],
    ]);
    expect(texts[0]!.rankLabel.zh).toBe('行政法规');
    expect(warning).toMatchObject({ code: 'higher-text-not-loaded', texts: ['state-council-809'] });
    // Each language complete on its own.
    for (const part of ['2025年9月28日', '《政务数据共享条例》', '国务院令第809号', '自2025年8月1日起施行', '位阶高于《河北省政务数据共享应用管理办法》', '尚未载入本系统', '仅依据', '可能不是全部适用的法律规定']) {
      expect(warning!.zh).toContain(part);
    }
    for (const part of ['28 September 2025', 'Regulations on Government Data Sharing', 'State Council Order No. 809', 'in force since 1 August 2025', 'ranks above the Hebei', 'not loaded', 'alone', 'may not be all the law that applies']) {
      expect(warning!.en).toContain(part);
    }
    expect(warning!.en).not.toMatch(CJK);
  });

  it('names the Anhui Measures in an Anhui case', () => {
    const { warning } = caseHierarchy('anhui', '2025-08-01T09:00:00+08:00', 'anhui-2021');
    expect(warning!.zh).toContain('位阶高于《安徽省政务数据资源管理办法》');
    expect(warning!.en).toContain('computed from the Anhui Province Measures');
  });

  it('received before 2025-08-01: no warning, the provincial rules are all that applies', () => {
    const { applicableTexts: texts, warning } = caseHierarchy('hebei', '2025-07-31T23:59:59+08:00', 'hebei-2023');
    expect(ids(texts)).toEqual(['hebei-2023']);
    expect(warning).toBeNull();
  });
});

describe('a higher text’s rule prevails over a lower one for the same step', () => {
  const texts = applicableTexts('hebei', '2025-09-28T10:00:00+08:00');

  it('today the provincial figure stands, because the only higher text is not loaded', () => {
    expect(supersededBy(texts, 'hebei-2023', 'conditional-share', 'provider-reply')).toBeNull();
    expect(governingText(texts, 'conditional-share', 'provider-reply')?.id).toBe('hebei-2023');
  });

  // A stand-in for the day the regulation's rules are loaded: its entry pointing at a pack that has the same steps.
  const loadedHigher = LEGAL_TEXTS.map((t) => (t.id === 'state-council-809' ? { ...t, pack: 'hebei-2022-draft' as const } : t));

  it('once a higher text is loaded, its rule supersedes the lower pack’s figure for each step it governs', () => {
    const withHigher = applicableTexts('hebei', '2025-09-28T10:00:00+08:00', loadedHigher);
    expect(supersededBy(withHigher, 'hebei-2023', 'conditional-share', 'provider-reply')?.id).toBe('state-council-809');
    expect(governingText(withHigher, 'conditional-share', 'provider-reply')?.id).toBe('state-council-809');
    // …and the case no longer warns of it.
    expect(caseHierarchy('hebei', '2025-09-28T10:00:00+08:00', 'hebei-2023', loadedHigher).warning).toBeNull();
  });

  it('a step the higher text does not govern keeps the lower pack’s figure', () => {
    const anhui = applicableTexts('anhui', '2025-09-28T10:00:00+08:00', loadedHigher);
    expect(supersededBy(anhui, 'anhui-2021', 'catalogue-change', 'report-update')).toBeNull();
    expect(governingText(anhui, 'catalogue-change', 'report-update')?.id).toBe('anhui-2021');
    expect(supersededBy(anhui, 'anhui-2021', 'conditional-share', 'provider-reply')?.id).toBe('state-council-809');
  });
});
