/**
 * Issue 14 item 12: a week of the assessment reads as the days it covers (12月1日–12月7日 / 1–7 Dec), and a period
 * that cannot be assessed is refused before it is sent, at the field, in the interface's language.
 */
import { describe, expect, it } from 'vitest';
import { dictionaries, format, type Lang } from '../../ui/src/i18n';
import { checkPeriod, weekRange } from '../../ui/src/views/assessment';

const t = (lang: Lang) => (key: keyof (typeof dictionaries)['zh'], params?: Record<string, string | number>) => format(dictionaries[lang][key], params);

describe('a week reads as its days', () => {
  it('12月1日–12月7日 in Chinese, 1–7 Dec in English', () => {
    expect(weekRange('2025-12-01', '2025-12-07', 'zh')).toBe('12月1日–12月7日');
    expect(weekRange('2025-12-01', '2025-12-07', 'en')).toBe('1–7 Dec');
  });

  it('across a month and a year, and a week of one day in the period', () => {
    expect(weekRange('2025-12-29', '2026-01-04', 'zh')).toBe('12月29日–1月4日');
    expect(weekRange('2025-11-24', '2025-11-30', 'en')).toBe('24–30 Nov');
    expect(weekRange('2025-11-30', '2025-12-06', 'en')).toBe('30 Nov–6 Dec');
    expect(weekRange('2026-03-01', '2026-03-01', 'zh')).toBe('3月1日');
  });
});

describe('a period is checked before it is sent', () => {
  it('accepts a period of up to three years', () => {
    expect(checkPeriod('2025-01-01', '2025-03-31', t('zh'))).toEqual({});
    expect(checkPeriod('2023-03-02', '2026-03-01', t('zh'))).toEqual({});
  });

  it('names the field: an end before the start, a period over three years, an impossible or missing day', () => {
    expect(checkPeriod('2025-03-31', '2025-01-01', t('zh'))).toEqual({ to: '结束日期不能早于开始日期' });
    expect(checkPeriod('2025-03-31', '2025-01-01', t('en'))).toEqual({ to: 'The end date must not be before the start date' });
    expect(checkPeriod('2023-03-01', '2026-03-01', t('zh')).to).toContain('三年');
    expect(checkPeriod('2025-02-30', '2025-03-01', t('zh'))).toEqual({ from: '请填写有效日期' });
    expect(checkPeriod('0000-01-01', '2025-03-01', t('zh'))).toEqual({ from: '请填写有效日期' });
    expect(checkPeriod('', '', t('zh'))).toEqual({ from: dictionaries.zh.required, to: dictionaries.zh.required });
  });
});
