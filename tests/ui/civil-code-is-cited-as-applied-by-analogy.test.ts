/**
 * Item 19: every string of the web app that cites the Civil Code's rules on periods (art. 201, 203) cites them as
 * applied by analogy (参照适用): these are administrative periods, not the civil periods the Code governs.
 */
import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../ui/src/i18n';

const zh = Object.entries(dictionaries.zh).filter(([, text]) => text.includes('民法典'));
const en = Object.entries(dictionaries.en).filter(([, text]) => /Civil Code/.test(text));

describe('the web app cites the Civil Code as applied by analogy', () => {
  it('cites it where a deadline is explained: the day not counted and the end at 24:00', () => {
    expect(zh.map(([key]) => key).sort()).toEqual(['deadlineEndText', 'deadlineStartText']);
    expect(en.map(([key]) => key).sort()).toEqual(['deadlineEndText', 'deadlineStartText']);
  });

  it.each(zh)('zh %s says 参照适用', (_key, text) => {
    expect(text).toMatch(/参照适用《民法典》第二百零[一三]条/);
  });

  it.each(en)('en %s says applied by analogy', (_key, text) => {
    expect(text).toMatch(/Civil Code art\. 20[13], applied by analogy/);
  });
});
