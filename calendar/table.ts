import { DAY_MS, MAX_ORD, MIN_ORD, formatDate, isWeekendOrd, parseDateUnchecked, yearOf } from './dates.js';
import { festivalName } from './festivals.js';
import { measuresFor, statutoryDaysOff } from './statutory.js';
import type { Citation, RegionOverlay, YearSchedule } from './types.js';

/** How a day is classified in a {@link DayTable}. */
export const DAY_KIND = {
  workday: 0,
  weekend: 1,
  holiday: 2,
  makeUp: 3,
  regionalHoliday: 4,
} as const;

/** A value of {@link DAY_KIND}. */
export type DayKindCode = (typeof DAY_KIND)[keyof typeof DAY_KIND];

/** Why a year is provisional for a table. */
export interface UnknownYear {
  year: number;
  /** True when the State Council schedule itself is missing (not only the region's). */
  national: boolean;
  /** What was assumed for the year, in Chinese. */
  zh: string;
  /** The same in English. */
  en: string;
  /** `zh / en`. */
  reason: string;
}

/**
 * Why a year is provisional, in both languages. A year without the State Council notice counts the statutory days
 * off of the holiday measures (the floor) and weekends; its adjustment (调休) is unknown, so dates may still move.
 */
function unknownYearText(
  year: number,
  nationalKnown: boolean,
  latestNoticeYear: number,
  regionName: string | undefined,
): Pick<UnknownYear, 'zh' | 'en'> {
  if (nationalKnown) {
    return {
      zh: `${year}年${regionName ? `${regionName.split(' ')[0]}` : ''}地方放假安排未载入，地方性假日未计入`,
      en: `${year}: no ${regionName ? `${regionName.split(' ').slice(1).join(' ')} ` : ''}regional holiday notice loaded; regional days off unknown`,
    };
  }
  const m = measuresFor(year);
  const pending = year > latestNoticeYear;
  const order = m.citation.documentNumber.replace(/^国务院令第(\d+)号$/, '$1');
  return {
    zh:
      `${year}年：国务院办公厅放假安排通知${pending ? '尚未公布' : '未载入'}；已按${m.citation.title}（${m.citation.documentNumber}）` +
      `计入法定节假日和周末，调休${pending ? '尚未公布' : '未载入'}，期限日期可能变动`,
    en:
      `${year}: statutory days off counted (National Holidays Measures, State Council Order No. ${order}) and weekends; ` +
      `the adjustment (调休) is ${pending ? 'not yet published' : 'not loaded'}; the date may move`,
  };
}

/**
 * The precomputed index for one jurisdiction over {@link MIN_ORD}..{@link MAX_ORD}. `cum[i]` is the number
 * of working days in `base .. base + i` inclusive and `work` lists the working-day ordinals in order, so the n-th
 * working day after `o` is `work[cum[o - base] + n - 1]`: one array read, no loop.
 */
export interface DayTable {
  base: number;
  kind: Uint8Array;
  provisional: Uint8Array;
  cum: Int32Array;
  work: Int32Array;
  names: Map<number, string>;
  /** `strs[o - base]` is ordinal `o` formatted as YYYY-MM-DD. */
  strs: string[];
  /** YYYY-MM-DD → ordinal. */
  index: Map<string, number>;
  unknownYears: Map<number, UnknownYear>;
  /** Citations per year used by this table (national notice, amendments, regional notice). */
  sources: Map<number, string[]>;
}

/** Formats a citation for `Deadline.sources`. */
export function citationText(c: Citation): string {
  const parts = [c.documentNumber, c.publishedOn].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? `${c.title}（${parts.join('，')}）` : c.title;
}

interface DateStrings {
  strs: string[];
  index: Map<string, number>;
}

let sharedStrings: DateStrings | undefined;

function dateStrings(): DateStrings {
  if (!sharedStrings) {
    const strs: string[] = [];
    const index = new Map<string, number>();
    for (let o = MIN_ORD; o <= MAX_ORD; o++) {
      const s = formatDate(o);
      strs.push(s);
      index.set(s, o);
    }
    sharedStrings = { strs, index };
  }
  return sharedStrings;
}

/** Builds the day table of the national schedules plus an optional region overlay. */
export function buildTable(national: ReadonlyMap<number, YearSchedule>, overlay?: RegionOverlay): DayTable {
  const base = MIN_ORD;
  const size = MAX_ORD - MIN_ORD + 1;
  const kind = new Uint8Array(size);
  const provisional = new Uint8Array(size);
  const names = new Map<number, string>();
  const sources = new Map<number, string[]>();
  const unknownYears = new Map<number, UnknownYear>();

  for (let o = base; o < base + size; o++) kind[o - base] = isWeekendOrd(o) ? DAY_KIND.weekend : DAY_KIND.workday;

  const set = (date: string, k: DayKindCode, name: string): void => {
    const o = parseDateUnchecked('schedule', date);
    if (o < base || o >= base + size) return;
    kind[o - base] = k;
    names.set(o, name);
  };

  for (const y of national.values()) {
    sources.set(y.year, [citationText(y.notice), ...(y.amendments ?? []).map((a) => citationText(a.notice))]);
    for (const f of y.festivals) {
      const name = festivalName(f.festival);
      for (const d of f.offDays) set(d, DAY_KIND.holiday, name);
      for (const d of f.makeUpDays) set(d, DAY_KIND.makeUp, name);
    }
    for (const a of y.amendments ?? []) {
      const name = festivalName(a.festival);
      for (const d of a.removeMakeUpDays) {
        const o = parseDateUnchecked('amendment', d);
        kind[o - base] = isWeekendOrd(o) ? DAY_KIND.weekend : DAY_KIND.workday;
        names.delete(o);
      }
      for (const d of a.addOffDays) set(d, DAY_KIND.holiday, name);
      for (const d of a.addMakeUpDays ?? []) set(d, DAY_KIND.makeUp, name);
    }
  }

  // The floor: a year without the notice still has the days off the holiday measures fix (never a substitute day).
  const firstYear = yearOf(base);
  const lastYear = yearOf(base + size - 1);
  for (let year = firstYear; year <= lastYear; year++) {
    if (national.has(year)) continue;
    for (const d of statutoryDaysOff(year) ?? []) {
      const o = parseDateUnchecked('statutory', d.date);
      // Days of a neighbouring year's notice (e.g. 2018-12-31 from the 2019 notice) win over the floor.
      if (!names.has(o)) set(d.date, DAY_KIND.holiday, festivalName(d.festival));
    }
    sources.set(year, [citationText(measuresFor(year).citation)]);
  }

  const regionYears = new Set<number>();
  if (overlay) {
    for (const ry of overlay.years) {
      regionYears.add(ry.year);
      sources.set(ry.year, [...(sources.get(ry.year) ?? []), citationText(ry.notice)]);
      for (const f of ry.festivals) {
        const name = festivalName(f.festival);
        for (const d of f.offDays) {
          const o = parseDateUnchecked('overlay', d);
          if (kind[o - base] !== DAY_KIND.holiday) set(d, DAY_KIND.regionalHoliday, name);
        }
        for (const d of f.makeUpDays) set(d, DAY_KIND.makeUp, name);
      }
    }
  }

  const latestNoticeYear = Math.max(0, ...national.keys());
  for (let year = firstYear; year <= lastYear; year++) {
    const nationalKnown = national.has(year);
    const regionKnown = !overlay || regionYears.has(year) || overlay.unlistedYears === 'none';
    if (nationalKnown && regionKnown) continue;
    const text = unknownYearText(year, nationalKnown, latestNoticeYear, overlay?.name);
    unknownYears.set(year, { year, national: !nationalKnown, ...text, reason: `${text.zh} / ${text.en}` });
    const from = Math.max(base, Date.UTC(year, 0, 1) / DAY_MS);
    const to = Math.min(base + size - 1, Date.UTC(year, 11, 31) / DAY_MS);
    for (let o = from; o <= to; o++) provisional[o - base] = 1;
  }

  const cum = new Int32Array(size);
  const work: number[] = [];
  let count = 0;
  for (let i = 0; i < size; i++) {
    const k = kind[i];
    if (k === DAY_KIND.workday || k === DAY_KIND.makeUp) {
      count++;
      work.push(base + i);
    }
    cum[i] = count;
  }

  const { strs, index } = dateStrings();
  return { base, kind, provisional, cum, work: Int32Array.from(work), names, strs, index, unknownYears, sources };
}

/** True when the day at ordinal `o` is a working day in `t`. */
export function isWorkingOrd(t: DayTable, o: number): boolean {
  const k = t.kind[o - t.base];
  return k === DAY_KIND.workday || k === DAY_KIND.makeUp;
}
