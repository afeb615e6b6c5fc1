import type { FestivalId } from './festivals.js';

/** Unit of a period: working days (工作日) or natural days (日). */
export type PeriodUnit = 'working-days' | 'days';

/** Input of {@link Calendar.deadline}. */
export interface DeadlineQuery {
  /** The triggering event: `YYYY-MM-DD` (that date in Asia/Shanghai) or an ISO instant with an offset. */
  start: string;
  /** Length of the period; a non-negative integer. */
  n: number;
  /** @default 'working-days' */
  unit?: PeriodUnit;
  /** @default 'national' */
  jurisdiction?: string;
}

/** A day inside the period that was not counted, and why. */
export interface SkippedDay {
  /** YYYY-MM-DD */
  date: string;
  /**
   * `weekend` in every year, published or not; `holiday` for a notice's day off and, in a year without a notice, for
   * a statutory day of the holiday measures (named by its festival). `unknown-year` is no longer produced (deadlines
   * stored before the floor used it for weekends of unpublished years).
   */
  reason: 'weekend' | 'holiday' | 'regional-holiday' | 'unknown-year';
  /** e.g. `国庆节 National Day` */
  name?: string;
}

/** A day that was counted towards the period. */
export interface CountedDay {
  /** YYYY-MM-DD */
  date: string;
  /** True for a weekend day declared a working day (调休上班日). */
  makeUp?: boolean;
  /** For make-up days: the festival whose 调休 it belongs to. */
  name?: string;
  /** Natural-day periods only: the working day the period was moved to because its last day was not one (art. 203). */
  rollover?: boolean;
}

/** A computed deadline with the explanation of how it was reached. */
export interface Deadline {
  /** The start instant as ISO with +08:00 (a plain date becomes `YYYY-MM-DDT00:00:00+08:00`). */
  start: string;
  /** YYYY-MM-DD in Asia/Shanghai. */
  startDate: string;
  n: number;
  unit: PeriodUnit;
  jurisdiction: string;
  /** YYYY-MM-DD, the last day of the period. */
  due: string;
  /**
   * 24:00 of `due`, i.e. the next day's `T00:00:00+08:00`: the instant escalations due at the end fire. Show it with
   * `formatPeriodEnd` (`YYYY-MM-DD 24:00` of `due`), never as 00:00 of the day after.
   */
  endsAt: string;
  /**
   * True when the period reaches a year whose State Council notice (or region's notice) is not loaded: weekends and
   * the statutory days off of the holiday measures are counted, but the adjustment (调休) is unknown, so the date
   * may move when the notice is published.
   */
  provisional: boolean;
  /**
   * When `provisional`: what was assumed, Chinese then English separated by ` / ` (e.g. `2027年：…计入法定节假日和周末，
   * 调休尚未公布，期限日期可能变动 / 2027: statutory days off counted …; the adjustment (调休) is not yet published; the
   * date may move`). Several years are joined within each language.
   */
  provisionalReason?: string;
  /** Every non-counted day between `startDate` (exclusive) and `due` (inclusive). */
  skipped: SkippedDay[];
  /** The days counted, make-up days flagged. */
  counted: CountedDay[];
  /** Short bilingual statement of the rule applied, citing Civil Code art. 201/203 as applied by analogy (参照适用). */
  rule: string;
  /** Titles and document numbers of the notices used. */
  sources: string[];
  /** The lengths added by {@link Calendar.extend}, in order; absent when never extended. */
  extensions?: number[];
}

/** Status of one calendar day. */
export interface DayStatus {
  /** YYYY-MM-DD */
  date: string;
  working: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'make-up' | 'regional-holiday';
  /** Festival name for holidays, regional holidays and make-up days. */
  name?: string;
  /**
   * True when the day's year has no published schedule (for the jurisdiction): weekends and the statutory days off
   * were assumed, the adjustment (调休) is unknown.
   */
  provisional: boolean;
}

/** Working-day calendar for PRC statutory periods. Every method is pure. */
export interface Calendar {
  /** Computes a deadline with its explanation. */
  deadline(q: DeadlineQuery): Deadline;
  /** Adds `n` more units counted from `d.due`; keeps the original start and sums `n`. */
  extend(d: Deadline, n: number): Deadline;
  /** True when `date` (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string, jurisdiction?: string): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string, jurisdiction?: string): string;
  /** The `n`-th working day strictly after `date`; `n = 0` returns `date` unchanged. Precomputed-index fast path. */
  addWorkingDays(date: string, n: number, jurisdiction?: string): string;
  /** `date + n` natural days; when that day is not a working day, the first working day after it (art. 203). */
  addDays(date: string, n: number, jurisdiction?: string): string;
  /**
   * Number of working days whose end (24:00 Asia/Shanghai) lies in the half-open interval (a, b]; negative when
   * b < a. An instant counts as itself; a plain `YYYY-MM-DD` stands for 24:00 at the end of that day.
   */
  workingDaysBetween(a: string, b: string, jurisdiction?: string): number;
  /** Status of one day. */
  dayStatus(date: string, jurisdiction?: string): DayStatus;
  /** Status of every day of a month given as `YYYY-MM`. */
  month(yyyyMm: string, jurisdiction?: string): DayStatus[];
  /** The national year schedules in effect, sorted by year. */
  years(): YearSchedule[];
  /** The registered jurisdiction ids. */
  jurisdictions(): string[];
}

/** Citation of an official notice. */
export interface Citation {
  /** Full title, e.g. `国务院办公厅关于2025年部分节假日安排的通知`. */
  title: string;
  /** Document number, e.g. `国办发明电〔2024〕12号`; may be empty only where the issuer publishes none. */
  documentNumber: string;
  /** Issuing body, e.g. `国务院办公厅`. */
  issuer: string;
  /** Date of the notice, YYYY-MM-DD, when known. */
  publishedOn?: string;
  /** Where the text was checked. */
  url?: string;
}

/** The days off and make-up working days the notice gives one festival. */
export interface FestivalArrangement {
  festival: FestivalId;
  /** Days off (放假), YYYY-MM-DD, inside the schedule's year. */
  offDays: string[];
  /** Weekend days declared working days (调休上班), YYYY-MM-DD, inside the schedule's year. */
  makeUpDays: string[];
}

/**
 * A later notice that changed a published year: the 2020 Spring Festival extension, the 2019 Labour Day change, or
 * the next year's notice where its New Year arrangement reaches back into this year (2018-12-29 to 12-31).
 */
export interface ScheduleAmendment {
  notice: Citation;
  festival: FestivalId;
  /** Days that became days off. */
  addOffDays: string[];
  /** Make-up days that were cancelled. */
  removeMakeUpDays: string[];
  /** Weekend days that became working days (调休上班), e.g. the 2019 Labour Day change. */
  addMakeUpDays?: string[];
  /** One line on what changed. */
  summary: string;
}

/** The official national holiday schedule of one year. */
export interface YearSchedule {
  year: number;
  notice: Citation;
  festivals: FestivalArrangement[];
  amendments?: ScheduleAmendment[];
  /** Remarks on how the notice maps to the data (e.g. days of the notice that fall in another year). */
  notes?: string[];
}

/** A region's extra days off for one year, from the region's own notice. */
export interface RegionYear {
  year: number;
  notice: Citation;
  festivals: FestivalArrangement[];
  notes?: string[];
}

/**
 * A jurisdiction: the national calendar plus, optionally, regional extra days off. A year the overlay does not
 * list is treated as unknown for the region (its regional days cannot be known), so periods reaching it are
 * provisional.
 */
export interface RegionOverlay {
  /** Jurisdiction id, e.g. `xinjiang`. */
  id: string;
  /** Display name, e.g. `新疆维吾尔自治区 Xinjiang Uygur Autonomous Region`. */
  name: string;
  /** The regulation that grants the regional days off. */
  legalBasis?: string;
  years: RegionYear[];
  /**
   * What a year the overlay does not list means. `unknown`: the region's days that year are not known, so periods
   * reaching it are provisional (Xinjiang, whose notices come every year). `none`: the region has no days of its own
   * that year (a province that follows the national schedule and published a regional notice only for some years).
   * @default 'unknown'
   */
  unlistedYears?: 'unknown' | 'none';
}
