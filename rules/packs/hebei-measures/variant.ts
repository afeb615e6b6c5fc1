/** The two packs built from the Hebei Measures: the promulgated 2023 text (our sources: a news summary) and the 2022 draft. */
import type { Citation } from '../../citation.js';
import { cite } from '../../build.js';
import type { Bilingual, PeriodBasis } from '../../types.js';

/** Which of the two texts a step is built for. */
export type HebeiVariant = 'hebei-2023' | 'hebei-2022-draft';

const CN_NUMERALS: Record<number, string> = {
  11: '十一',
  15: '十五',
  19: '十九',
  20: '二十',
  21: '二十一',
  39: '三十九',
  40: '四十',
  41: '四十一',
};

/** Why a `hebei-2023` figure is taken from the draft. */
export const DRAFT_FIGURE_NOTE =
  '颁布文本不在我方资料中,本数字取自2022年8月12日征求意见稿 / The promulgated text is not in our sources; the figure is taken from the 2022-08-12 consultation draft.';

/**
 * How the Hebei packs name the text that is silent on a period: the consultation draft, the only full text of the
 * Measures in our sources (for `hebei-2023` too: the promulgated text is not in them).
 */
export const HEBEI_OWN_TEXT = { zh: '本办法征求意见稿', en: 'the consultation draft of the Measures', plural: false };

/** The period basis of a figure the draft gives: `draft` in both packs (see PERIOD_BASES). */
export const DRAFT_BASIS: PeriodBasis = 'draft';

/** Cites an article of the draft; for `hebei-2023` marked as taken from the draft. */
export function draftCite(v: HebeiVariant, art: number, text: Bilingual, note?: string): Citation {
  const zhNo = CN_NUMERALS[art] ?? String(art);
  if (v === 'hebei-2022-draft') return cite(v, `第${zhNo}条 (art. ${art})`, text, note);
  const notes = [DRAFT_FIGURE_NOTE, note].filter(Boolean).join(' ');
  return cite(v, `征求意见稿第${zhNo}条 (2022 draft art. ${art})`, text, notes);
}

/** Cites the Hebei Daily summary of the promulgated Measures (only `hebei-2023`). */
export function newsCite(text: Bilingual): Citation {
  return cite(
    'hebei-2023',
    '目录管理 (Hebei Daily 2022-11-22 summary; article number not given)',
    text,
    '据河北日报对颁布文本的报道 / From the Hebei Daily report of the promulgated text.',
  );
}
