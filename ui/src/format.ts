import type { Lang, Translate } from './i18n';
import type { TimeLeft } from './types';

/** Everything is shown in Beijing time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. China has no daylight saving time since 1991. */
export function shanghaiDate(instant: string | Date): string {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + shanghaiOffsetMs).toISOString().slice(0, 10);
}

export function todayInShanghai(): string {
  return shanghaiDate(new Date());
}

/** `YYYY-MM-DD` → its weekday, Monday = 0. */
export function weekdayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

const zhWeekdays = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const enWeekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const enMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date as people write it: 2025年10月9日（周四） / Thu 9 Oct 2025. */
export function formatDate(date: string, lang: Lang, opts: { weekday?: boolean; year?: boolean } = {}): string {
  const { weekday = true, year = true } = opts;
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const w = weekdayIndex(date.slice(0, 10));
  if (lang === 'zh') return `${year ? `${y}年` : ''}${m}月${d}日${weekday ? `（${zhWeekdays[w]}）` : ''}`;
  return `${weekday ? `${enWeekdays[w]} ` : ''}${d} ${enMonths[m - 1]}${year ? ` ${y}` : ''}`;
}

/** An instant in Beijing time: 2025年10月9日 14:05 / 9 Oct 2025, 14:05. */
export function formatInstant(instant: string, lang: Lang): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  const shifted = new Date(t + shanghaiOffsetMs).toISOString();
  const date = shifted.slice(0, 10);
  const time = shifted.slice(11, 16);
  return lang === 'zh' ? `${formatDate(date, lang, { weekday: false })} ${time}` : `${formatDate(date, lang, { weekday: false })}, ${time}`;
}

/** A period's end instant: 00:00 of the next day reads as 24:00 of its last day (Civil Code art. 203). */
export function formatEndInstant(instant: string, lang: Lang): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return instant;
  const shifted = new Date(t + shanghaiOffsetMs).toISOString();
  if (shifted.slice(11, 16) !== '00:00') return formatInstant(instant, lang);
  const lastDay = new Date(t + shanghaiOffsetMs - 86_400_000).toISOString().slice(0, 10);
  return `${formatDate(lastDay, lang, { weekday: false })} 24:00`;
}

/** 还剩 N 个工作日 (after today) / 今日到期 / 逾期 N 个工作日. */
export function timeLeftText(timeLeft: TimeLeft, t: Translate): string {
  if (timeLeft.state === 'overdue') return timeLeft.workingDays > 0 ? t('daysOverdue', { n: timeLeft.workingDays }) : t('daysOverdueZero');
  return timeLeft.state === 'due-today' ? t('daysLeftZero') : t('daysLeft', { n: timeLeft.workingDays });
}

const cjkAll = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/g;
const cjkThenLatin = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef](?:\s+(?=[A-Za-z(])|(?=[A-Z(]))/;

/**
 * Splits the calendar's and rules' bilingual strings ("国庆节、中秋节 National Day and Mid-Autumn Festival", "…第二百零三条）。The
 * day of the event…", "2027: no notice loaded / 2027年放假安排未公布") into their Chinese and English halves.
 */
export function splitBilingual(text: string): { zh: string; en: string } {
  const slash = text.indexOf(' / ');
  if (slash > 0) {
    const a = text.slice(0, slash).trim();
    const b = text.slice(slash + 3).trim();
    const cjkCount = (s: string) => (s.match(cjkAll) ?? []).length;
    return cjkCount(a) >= cjkCount(b) ? { zh: a, en: b } : { zh: b, en: a };
  }
  const m = cjkThenLatin.exec(text);
  if (!m) return { zh: text, en: text };
  const cut = m.index + 1;
  return { zh: text.slice(0, cut).trim(), en: text.slice(cut).trim() };
}

export function bilingual(text: string | undefined, lang: Lang): string {
  if (!text) return '';
  const parts = splitBilingual(text);
  return lang === 'zh' ? parts.zh : parts.en;
}

/** A `datetime-local` value (Beijing time) → an ISO instant with +08:00. */
export function localInputToInstant(value: string): string {
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}+08:00`;
}

/** Now, as a `datetime-local` value in Beijing time. */
export function nowAsLocalInput(): string {
  return new Date(Date.now() + shanghaiOffsetMs).toISOString().slice(0, 16);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

const isoInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Server texts that embed ISO instants ("整改期限至 2026-11-07T00:00:00+08:00"), with the instants as people read them. */
export function humanizeInstants(text: string, lang: Lang): string {
  return text.replace(isoInstant, (m) => formatEndInstant(m, lang));
}

/** A label's colon and a parenthesis, in the typography of the language: 全角 in Chinese, ASCII in English. */
export const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');
export const paren = (text: string, lang: Lang) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
