/**
 * Item 19: where a pack's Chinese is our back-translation of an English source (Hebei 2016 throughout, parts of
 * Anhui), the task page never labels it 中文原文 and says, in each language, that it is not the original. Where the
 * Chinese is quoted (the Hebei draft, the Hebei Daily summary, Anhui's Chinese passages) it is the original.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { getPack, listPacks, type Citation } from '../../rules';
import { otherLanguageKey, zhIsBackTranslated } from '../../ui/src/citation-labels';
import { CitationBlock } from '../../ui/src/components/deadline';
import { dictionaries, type Lang } from '../../ui/src/i18n';
import { renderIn } from './render';

/** Every citation a task can carry: each step's, each extension's. */
const citations: [string, Citation][] = listPacks().flatMap((summary) =>
  Object.entries(getPack(summary.id).flows).flatMap(([flow, steps]) =>
    (steps ?? []).flatMap((s) => [
      [`${summary.id}/${flow}/${s.id}`, s.citation] as [string, Citation],
      ...(s.extension ? [[`${summary.id}/${flow}/${s.id}/extension`, s.extension.citation] as [string, Citation]] : []),
    ]),
  ),
);

function render(citation: Citation, lang: Lang): string {
  return renderIn(lang, createElement(CitationBlock, { citation }));
}

describe('back-translated Chinese is not called the original', () => {
  it('every Hebei 2016 citation is back-translated; Anhui’s only where marked; the Hebei Measures’ never', () => {
    for (const [name, c] of citations) {
      const pack = name.split('/')[0];
      if (pack === 'hebei-2016') expect(zhIsBackTranslated(c), name).toBe(true);
      if (pack === 'hebei-2023' || pack === 'hebei-2022-draft') expect(zhIsBackTranslated(c), name).toBe(false);
    }
    const anhui = citations.filter(([n]) => n.startsWith('anhui-2021/'));
    expect(anhui.some(([, c]) => zhIsBackTranslated(c))).toBe(true);
    expect(anhui.some(([, c]) => !zhIsBackTranslated(c))).toBe(true);
  });

  it.each(citations)('%s: the folded text is labelled for what it is, in each language', (_name, c) => {
    const en = render(c, 'en');
    const zh = render(c, 'zh');
    if (zhIsBackTranslated(c)) {
      expect(en).not.toContain('中文原文');
      expect(en).toContain(`<summary>${dictionaries.en.citationOtherZhBackTranslated}</summary>`);
      expect(en).toContain(dictionaries.en.citationZhBackTranslated);
      expect(zh).toContain(dictionaries.zh.citationZhBackTranslated);
      expect(zh).toContain(`<summary>${dictionaries.zh.citationOtherEnSource}</summary>`);
    } else {
      expect(en).toContain(`<summary>${dictionaries.en.citationOtherZhOriginal}</summary>`);
      expect(zh).not.toContain(dictionaries.zh.citationZhBackTranslated);
    }
  });

  it('a citation stored before the flag is read by its note (回译)', () => {
    const stored = { source: 'hebei-2016', article: '第13条 (art. 13)', textZh: '…', textEn: '…', note: '中文系据英文机器译本回译的释义,非原文 / …' };
    expect(zhIsBackTranslated(stored)).toBe(true);
    expect(otherLanguageKey(stored, 'en')).toBe('citationOtherZhBackTranslated');
    expect(otherLanguageKey({ ...stored, note: undefined }, 'en')).toBe('citationOtherZhOriginal');
  });
});
