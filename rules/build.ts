/** Small constructors used by the pack data files. */
import type { Citation } from './citation.js';
import type { Bilingual, Period } from './types.js';

/** `n` working days (工作日). */
export function wd(n: number): Period {
  return { n, unit: 'working-days' };
}

/** `n` natural days (日). */
export function days(n: number): Period {
  return { n, unit: 'days' };
}

/** A citation; `note` is omitted when empty. */
export function cite(source: string, article: string, text: Bilingual, note?: string): Citation {
  const c: Citation = { source, article, textZh: text.zh, textEn: text.en };
  return note ? { ...c, note } : c;
}

/** The note every policy figure's citation carries. */
export function policyNote(what: Bilingual): string {
  return `本地政策 Local policy: ${what.zh} / ${what.en}`;
}
