import {
  DAY_MS,
  MAX_DATE,
  MAX_ORD,
  MIN_DATE,
  SHANGHAI_OFFSET_MS,
  checkInputRange,
  formatDate,
  formatShanghaiInstant,
  parseDate,
  parseDateUnchecked,
  parseInstant,
  startOfDayInstant,
  yearOf,
  type Ordinal,
} from './dates.js';
import { InvalidDateError, InvalidPeriodError, InvalidScheduleError, OutOfRangeError, UnknownJurisdictionError } from './errors.js';
import { BUILT_IN_YEARS } from './data/index.js';
import { BUILT_IN_OVERLAYS, INHERITING_JURISDICTIONS, NATIONAL } from './regions/index.js';
import { DAY_KIND, type DayTable, buildTable, isWorkingOrd } from './table.js';
import type {
  Calendar,
  CountedDay,
  DayStatus,
  Deadline,
  DeadlineQuery,
  PeriodUnit,
  RegionOverlay,
  SkippedDay,
  YearSchedule,
} from './types.js';
import { validateRegionOverlay, validateYearSchedule } from './validate.js';

/** Options of {@link createCalendar}. */
export interface CalendarOptions {
  /** Year schedules added to the built-in ones; a year given here replaces the built-in year of the same number. */
  extraYears?: readonly YearSchedule[];
  /** Region overlays added to the built-in ones; an id given here replaces the built-in overlay of the same id. */
  extraOverlays?: readonly RegionOverlay[];
}

/** The period units, for validation. */
export const PERIOD_UNITS = { workingDays: 'working-days', days: 'days' } as const;

const KIND_NAMES = ['workday', 'weekend', 'holiday', 'make-up', 'regional-holiday'] as const;

function checkN(field: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new InvalidPeriodError(field, n, 'must be a non-negative integer');
  }
  return n;
}

function checkUnit(u: unknown): PeriodUnit {
  if (u === undefined) return 'working-days';
  if (u === 'working-days' || u === 'days') return u;
  throw new InvalidPeriodError('unit', u, "must be 'working-days' or 'days'");
}

/**
 * The sentence naming the instant the period ends as the law says it, 24:00 of the last day (art. 203): the instant
 * stored as `endsAt` (the next day's 00:00), at which escalations due at the end fire. Chinese and English.
 */
function endText(due: Ordinal): { zh: string; en: string } {
  const [y, m, d] = formatDate(due).split('-').map(Number) as [number, number, number];
  const endsAt = startOfDayInstant(due + 1);
  return {
    zh: `本期间于${y}年${m}月${d}日24时（北京时间）届满，到期的督办节点在此刻触发。`,
    en: ` This period ends at ${formatDate(due)} 24:00 Beijing time (the instant ${endsAt}); escalations due at the end fire at that instant.`,
  };
}

function ruleText(unit: PeriodUnit, n: number, extensions: readonly number[], due: Ordinal): string {
  const end = endText(due);
  const ext =
    extensions.length > 0
      ? `（含延长${extensions.join('+')}${unit === 'days' ? '日' : '个工作日'}，自原期限届满日起算）`
      : '';
  const extEn = extensions.length > 0 ? ` Includes extension(s) of ${extensions.join('+')}, counted from the then due date.` : '';
  if (unit === 'working-days') {
    return (
      `期间自事件发生之次日起算，计${n}个工作日${ext}，至最后一日24时届满（参照适用《中华人民共和国民法典》第二百零一条、第二百零三条）。${end.zh}` +
      `The day of the event is not counted; counting starts the next day (Civil Code art. 201, applied by analogy). ${n} working days ` +
      `(Mon–Fri minus statutory holidays, plus adjusted working days 调休上班日); the period ends at 24:00 of its last day (Civil Code art. 203, applied by analogy).${extEn}${end.en}`
    );
  }
  return (
    `期间自事件发生之次日起算，计${n}日${ext}；期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日，至该日24时届满` +
    `（参照适用《中华人民共和国民法典》第二百零一条、第二百零三条）。${end.zh}The day of the event is not counted (Civil Code art. 201, applied by analogy); ` +
    `${n} calendar days; if the last day is a holiday or rest day, the period ends on the next working day, at 24:00 (Civil Code art. 203, applied by analogy).${extEn}${end.en}`
  );
}

/**
 * Creates a calendar from the built-in national schedules (2016–2026) plus `extraYears`, and the built-in region
 * overlays plus `extraOverlays`. Inputs are limited to {@link MIN_DATE}..{@link MAX_DATE}; years inside that range
 * without a schedule are unknown: periods reaching them count weekends and the statutory days off of the holiday
 * measures as days off (the floor, `statutory.ts`) and are flagged provisional, since the adjustment (调休) is unknown.
 * Thrown when a schedule or overlay is invalid: {@link InvalidScheduleError}.
 */
export function createCalendar(opts: CalendarOptions = {}): Calendar {
  const national = new Map<number, YearSchedule>();
  for (const y of [...BUILT_IN_YEARS, ...(opts.extraYears ?? [])]) {
    const issues = validateYearSchedule(y);
    if (issues.length > 0) throw new InvalidScheduleError((y as { year?: unknown } | null)?.year, issues);
    national.set(y.year, y);
  }
  const overlays = new Map<string, RegionOverlay>();
  for (const o of [...BUILT_IN_OVERLAYS, ...(opts.extraOverlays ?? [])]) {
    const issues = validateRegionOverlay(o);
    if (issues.length > 0) throw new InvalidScheduleError((o as { id?: unknown } | null)?.id, issues);
    overlays.set(o.id, o);
  }
  const known = [NATIONAL, ...INHERITING_JURISDICTIONS.filter((j) => !overlays.has(j)), ...overlays.keys()];
  const tables = new Map<string, DayTable>();
  const nationalTable = (): DayTable => {
    let t = tables.get(NATIONAL);
    if (!t) {
      t = buildTable(national);
      tables.set(NATIONAL, t);
    }
    return t;
  };

  const table = (jurisdiction: string | undefined): DayTable => {
    if (jurisdiction === undefined || jurisdiction === NATIONAL) return nationalTable();
    const cached = tables.get(jurisdiction);
    if (cached) return cached;
    const overlay = overlays.get(jurisdiction);
    let t: DayTable;
    if (overlay) t = buildTable(national, overlay);
    else if (INHERITING_JURISDICTIONS.includes(jurisdiction)) t = nationalTable();
    else throw new UnknownJurisdictionError(jurisdiction, known);
    tables.set(jurisdiction, t);
    return t;
  };

  const ordOf = (t: DayTable, field: string, date: string): number => {
    const o = t.index.get(date);
    return o === undefined ? parseDate(field, date) : o;
  };

  const nthWorkingAfter = (t: DayTable, o: number, n: number, field: string, value: unknown): number => {
    const i = t.cum[o - t.base]! + n - 1;
    const w = t.work[i];
    if (w === undefined) throw new OutOfRangeError(field, value, MIN_DATE, MAX_DATE);
    return w;
  };

  const rollover = (t: DayTable, o: number, field: string, value: unknown): number => {
    if (o > MAX_ORD) throw new OutOfRangeError(field, value, MIN_DATE, MAX_DATE);
    return isWorkingOrd(t, o) ? o : nthWorkingAfter(t, o, 1, field, value);
  };

  const status = (t: DayTable, o: number): DayStatus => {
    const i = o - t.base;
    const kind = KIND_NAMES[t.kind[i]!]!;
    const name = t.names.get(o);
    const s: DayStatus = { date: t.strs[i]!, working: isWorkingOrd(t, o), kind, provisional: t.provisional[i] === 1 };
    if (name !== undefined) s.name = name;
    return s;
  };

  /** Explains the days in (from, to]: working days counted (or every day up to `lastCounted` for natural days). */
  const explain = (
    t: DayTable,
    from: number,
    to: number,
    unit: PeriodUnit,
    lastCounted: number,
    counted: CountedDay[],
    skipped: SkippedDay[],
  ): void => {
    for (let o = from + 1; o <= to; o++) {
      const i = o - t.base;
      const k = t.kind[i];
      const date = t.strs[i]!;
      const working = k === DAY_KIND.workday || k === DAY_KIND.makeUp;
      if (unit === 'days' ? o <= lastCounted || o === to : working) {
        const c: CountedDay = { date };
        if (k === DAY_KIND.makeUp) {
          c.makeUp = true;
          c.name = t.names.get(o)!;
        }
        if (unit === 'days' && o > lastCounted) c.rollover = true;
        counted.push(c);
        continue;
      }
      const name = t.names.get(o);
      let s: SkippedDay;
      if (k === DAY_KIND.holiday) s = { date, reason: 'holiday', name: name! };
      else if (k === DAY_KIND.regionalHoliday) s = { date, reason: 'regional-holiday', name: name! };
      // A weekend is a weekend in an unpublished year too; the year's provisional status is in `provisionalReason`.
      else s = { date, reason: 'weekend' };
      skipped.push(s);
    }
  };

  const provenance = (t: DayTable, from: number, to: number): Pick<Deadline, 'provisional' | 'provisionalReason' | 'sources'> => {
    const zh: string[] = [];
    const en: string[] = [];
    const sources: string[] = [];
    const y0 = yearOf(Math.min(from + 1, to));
    const y1 = yearOf(to);
    for (let y = y0; y <= y1; y++) {
      const u = t.unknownYears.get(y);
      if (u) {
        zh.push(u.zh);
        en.push(u.en);
      }
      for (const s of t.sources.get(y) ?? []) if (!sources.includes(s)) sources.push(s);
    }
    const out: Pick<Deadline, 'provisional' | 'provisionalReason' | 'sources'> = { provisional: zh.length > 0, sources };
    // One string, Chinese then English, as the other bilingual texts: the web app splits it at ` / `.
    if (zh.length > 0) out.provisionalReason = `${zh.join('；')} / ${en.join('; ')}`;
    return out;
  };

  const dueFrom = (t: DayTable, from: number, n: number, unit: PeriodUnit, field: string): number => {
    if (unit === 'days') return rollover(t, from + n, field, n);
    return n === 0 ? rollover(t, from, field, n) : nthWorkingAfter(t, from, n, field, n);
  };

  const cal: Calendar = {
    deadline(q: DeadlineQuery): Deadline {
      if (typeof q !== 'object' || q === null) throw new InvalidPeriodError('query', q, 'must be an object');
      const n = checkN('n', q.n);
      const unit = checkUnit(q.unit);
      const jurisdiction = q.jurisdiction ?? NATIONAL;
      const t = table(jurisdiction);
      const start = parseInstant('start', q.start);
      const due = dueFrom(t, start.ord, n, unit, 'n');
      const counted: CountedDay[] = [];
      const skipped: SkippedDay[] = [];
      explain(t, start.ord, due, unit, start.ord + n, counted, skipped);
      return {
        start: formatShanghaiInstant(start.ms),
        startDate: t.strs[start.ord - t.base]!,
        n,
        unit,
        jurisdiction,
        due: t.strs[due - t.base]!,
        endsAt: startOfDayInstant(due + 1),
        ...provenance(t, start.ord, due),
        skipped,
        counted,
        rule: ruleText(unit, n, [], due),
      };
    },

    extend(d: Deadline, n: number): Deadline {
      const more = checkN('n', n);
      const unit = checkUnit(d.unit);
      const t = table(d.jurisdiction);
      const startOrd = parseDateUnchecked('startDate', d.startDate);
      const from = parseDateUnchecked('due', d.due);
      if (from < t.base || from > MAX_ORD) throw new OutOfRangeError('due', d.due, MIN_DATE, MAX_DATE);
      const due = dueFrom(t, from, more, unit, 'n');
      const counted = [...d.counted];
      const skipped = [...d.skipped];
      explain(t, from, due, unit, from + more, counted, skipped);
      const extensions = [...(d.extensions ?? []), more];
      const total = d.n + more;
      return {
        start: d.start,
        startDate: d.startDate,
        n: total,
        unit,
        jurisdiction: d.jurisdiction,
        due: t.strs[due - t.base]!,
        endsAt: startOfDayInstant(due + 1),
        ...provenance(t, startOrd, due),
        skipped,
        counted,
        rule: ruleText(unit, total, extensions, due),
        extensions,
      };
    },

    isWorkingDay(date: string, jurisdiction?: string): boolean {
      const t = table(jurisdiction);
      return isWorkingOrd(t, ordOf(t, 'date', date));
    },

    nextWorkingDay(date: string, jurisdiction?: string): string {
      const t = table(jurisdiction);
      return t.strs[nthWorkingAfter(t, ordOf(t, 'date', date), 1, 'date', date) - t.base]!;
    },

    addWorkingDays(date: string, n: number, jurisdiction?: string): string {
      const t = table(jurisdiction);
      const o = ordOf(t, 'date', date);
      if (!Number.isInteger(n) || n < 0) throw new InvalidPeriodError('n', n, 'must be a non-negative integer');
      if (n === 0) return t.strs[o - t.base]!;
      return t.strs[nthWorkingAfter(t, o, n, 'n', n) - t.base]!;
    },

    addDays(date: string, n: number, jurisdiction?: string): string {
      const t = table(jurisdiction);
      const o = ordOf(t, 'date', date);
      checkN('n', n);
      return t.strs[rollover(t, o + n, 'n', n) - t.base]!;
    },

    workingDaysBetween(a: string, b: string, jurisdiction?: string): number {
      const t = table(jurisdiction);
      const firstDay = (field: string, v: string): number => {
        const o = t.index.get(v);
        return o === undefined ? parseInstant(field, v).ord : o + 1;
      };
      const lo = firstDay('a', a);
      const hi = firstDay('b', b);
      const cumBefore = (o: number): number => (o - 1 < t.base ? 0 : t.cum[o - 1 - t.base]!);
      if (hi === lo) return 0;
      return hi > lo ? cumBefore(hi) - cumBefore(lo) : -(cumBefore(lo) - cumBefore(hi));
    },

    dayStatus(date: string, jurisdiction?: string): DayStatus {
      const t = table(jurisdiction);
      return status(t, ordOf(t, 'date', date));
    },

    month(yyyyMm: string, jurisdiction?: string): DayStatus[] {
      const t = table(jurisdiction);
      const m = typeof yyyyMm === 'string' ? /^(\d{4})-(\d{2})$/.exec(yyyyMm) : null;
      const month = m ? Number(m[2]) : 0;
      if (!m || month < 1 || month > 12) throw new InvalidDateError('month', yyyyMm, 'expected YYYY-MM');
      const y = Number(m[1]);
      const first = Date.UTC(y, month - 1, 1) / DAY_MS;
      const last = Date.UTC(y, month, 0) / DAY_MS;
      checkInputRange('month', yyyyMm, first);
      checkInputRange('month', yyyyMm, last);
      const out: DayStatus[] = [];
      for (let o = first; o <= last; o++) out.push(status(t, o));
      return out;
    },

    years(): YearSchedule[] {
      return [...national.values()].sort((x, y) => x.year - y.year);
    },

    jurisdictions(): string[] {
      return [...known];
    },
  };
  return cal;
}

/** The calendar of the built-in data: `createCalendar()`. */
export const nationalCalendar: Calendar = createCalendar();

/** Converts an instant to its Asia/Shanghai calendar date (YYYY-MM-DD). */
export function shanghaiDate(instant: string): string {
  const { ms } = parseInstant('instant', instant);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export { MIN_DATE, MAX_DATE };
