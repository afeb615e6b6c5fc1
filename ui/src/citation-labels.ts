/**
 * What a citation's two languages are, said truthfully: the Chinese of Hebei 2016 and of parts of Anhui is our
 * back-translation from an English source, never 中文原文; an article applied to a step it does not govern is cited
 * 参照 (by analogy). Pure, so the tests can hold every pack's citations against it.
 */
import type { Lang, MessageKey } from './i18n';
import type { Citation } from './types';

/** True when the Chinese is our back-translation; citations stored before the flag say so in their note (回译). */
export function zhIsBackTranslated(citation: Pick<Citation, 'zhBackTranslated' | 'note'>): boolean {
  return citation.zhBackTranslated ?? /回译/.test(citation.note ?? '');
}

/** The label of the other language's text, folded under the quote: which text it is, not merely which language. */
export function otherLanguageKey(citation: Pick<Citation, 'zhBackTranslated' | 'note'>, lang: Lang): MessageKey {
  const backTranslated = zhIsBackTranslated(citation);
  if (lang === 'en') return backTranslated ? 'citationOtherZhBackTranslated' : 'citationOtherZhOriginal';
  return backTranslated ? 'citationOtherEnSource' : 'citationOtherEn';
}

/** True for an article applied by analogy (a step resumed after a return); older stored citations say 参照 in the article. */
export function citedByAnalogy(citation: Pick<Citation, 'byAnalogy' | 'article'>): boolean {
  return citation.byAnalogy ?? citation.article.startsWith('参照');
}
