import { DAY_MS, parseDateUnchecked, formatDate } from './dates.js';
import { FESTIVAL_DATES } from './data/festival-dates.js';
import type { FestivalId } from './festivals.js';
import type { Citation } from './types.js';

/**
 * The national holiday measures (《全国年节及纪念日放假办法》), art. 2: the days off for all citizens that the law itself
 * fixes, before any annual notice arranges the adjustment (调休). Each revision applies from its entry into force.
 */
export interface HolidayMeasures {
  citation: Citation;
  /** First year the revision governs (it entered into force on 1 January of that year). */
  fromYear: number;
  /** 春节 includes 除夕 (the last day of the lunar year). */
  springFestivalIncludesChuxi: boolean;
  /** Days of 春节 from 正月初一. */
  springFestivalDaysFromNewYear: number;
  /** Days of 劳动节 from 1 May. */
  labourDays: number;
}

/** 2013 revision, State Council Order No. 644, in force 2014-01-01: 春节 初一–初三, 劳动节 1 May. */
export const MEASURES_2013: HolidayMeasures = {
  citation: {
    title: '《全国年节及纪念日放假办法》（2013年修订）',
    documentNumber: '国务院令第644号',
    issuer: '国务院',
    publishedOn: '2013-12-11',
  },
  fromYear: 2014,
  springFestivalIncludesChuxi: false,
  springFestivalDaysFromNewYear: 3,
  labourDays: 1,
};

/** 2024 revision, State Council Order No. 795, in force 2025-01-01: 春节 除夕 and 初一–初三, 劳动节 1–2 May. */
export const MEASURES_2024: HolidayMeasures = {
  citation: {
    title: '《全国年节及纪念日放假办法》（2024年修订）',
    documentNumber: '国务院令第795号',
    issuer: '国务院',
    publishedOn: '2024-11-10',
  },
  fromYear: 2025,
  springFestivalIncludesChuxi: true,
  springFestivalDaysFromNewYear: 3,
  labourDays: 2,
};

/** The revision in force in `year`. */
export function measuresFor(year: number): HolidayMeasures {
  return year >= MEASURES_2024.fromYear ? MEASURES_2024 : MEASURES_2013;
}

/** One statutory day off. */
export interface StatutoryDay {
  /** YYYY-MM-DD */
  date: string;
  festival: FestivalId;
}

function plusDays(date: string, n: number): string {
  return formatDate(parseDateUnchecked('date', date) + n);
}

function isoDay(year: number, month: number, day: number): string {
  return formatDate(Date.UTC(year, month - 1, day) / DAY_MS);
}

/**
 * The days off the measures themselves fix in `year` (art. 2): 元旦 1 January; 春节 (除夕 under the 2024 revision, and
 * 初一–初三); 清明 (the solar term day); 劳动节 (1 May, and 2 May under the 2024 revision); 端午 (lunar 5/5); 中秋 (lunar
 * 8/15); 国庆节 1–3 October. A day falling on a weekend stays just that day: the substitute days (补休) and the moved
 * working days (调休) come only from the State Council's annual notice. Where 中秋 falls in 1–3 October, the day is
 * named for both festivals. Lunar and solar-term dates come from `calendar/data/festival-dates.ts` (generated with
 * lunar-typescript); `undefined` for a year outside it.
 */
export function statutoryDaysOff(year: number): StatutoryDay[] | undefined {
  const f = FESTIVAL_DATES[year];
  if (!f) return undefined;
  const m = measuresFor(year);
  const days: StatutoryDay[] = [{ date: isoDay(year, 1, 1), festival: 'newYear' }];
  if (m.springFestivalIncludesChuxi) days.push({ date: f.chuxi, festival: 'springFestival' });
  for (let i = 0; i < m.springFestivalDaysFromNewYear; i++) days.push({ date: plusDays(f.chunjie, i), festival: 'springFestival' });
  days.push({ date: f.qingming, festival: 'qingming' });
  for (let i = 0; i < m.labourDays; i++) days.push({ date: isoDay(year, 5, 1 + i), festival: 'labourDay' });
  days.push({ date: f.duanwu, festival: 'dragonBoat' });
  const nationalDays = [1, 2, 3].map((d) => isoDay(year, 10, d));
  if (!nationalDays.includes(f.zhongqiu)) days.push({ date: f.zhongqiu, festival: 'midAutumn' });
  for (const d of nationalDays) days.push({ date: d, festival: d === f.zhongqiu ? 'nationalDayMidAutumn' : 'nationalDay' });
  return days.sort((a, b) => (a.date < b.date ? -1 : 1));
}
