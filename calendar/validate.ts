import { MAX_DATE, MIN_DATE, isWeekendOrd, parseDateUnchecked, yearOf } from './dates.js';
import { SCHEDULE_ISSUE_CODES as C, type ScheduleIssue } from './errors.js';
import { isFestivalId } from './festivals.js';
import type { RegionOverlay, YearSchedule } from './types.js';


const MIN_YEAR = Number(MIN_DATE.slice(0, 4));
const MAX_YEAR = Number(MAX_DATE.slice(0, 4));

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function nonEmpty(x: unknown): x is string {
  return typeof x === 'string' && x.trim().length > 0;
}

function checkCitation(x: unknown, path: string, needsNumber: boolean, issues: ScheduleIssue[]): void {
  if (!isObj(x)) {
    issues.push({ field: path, code: C.required, message: 'citation is required', value: x });
    return;
  }
  if (!nonEmpty(x.title)) issues.push({ field: `${path}.title`, code: C.required, message: 'title is required', value: x.title });
  if (!nonEmpty(x.issuer)) issues.push({ field: `${path}.issuer`, code: C.required, message: 'issuer is required', value: x.issuer });
  if (needsNumber ? !nonEmpty(x.documentNumber) : typeof x.documentNumber !== 'string') {
    issues.push({ field: `${path}.documentNumber`, code: C.required, message: 'document number is required', value: x.documentNumber });
  }
  if (x.publishedOn !== undefined) {
    try {
      parseDateUnchecked(`${path}.publishedOn`, x.publishedOn);
    } catch {
      issues.push({ field: `${path}.publishedOn`, code: C.invalidDate, message: 'expected YYYY-MM-DD', value: x.publishedOn });
    }
  }
}

/** Parses a list of dates of `year`, reporting each bad entry; returns the valid ones with their paths. */
function dateList(x: unknown, path: string, year: number, issues: ScheduleIssue[]): Array<[string, number, string]> {
  if (!Array.isArray(x)) {
    issues.push({ field: path, code: C.required, message: 'expected an array of YYYY-MM-DD dates', value: x });
    return [];
  }
  const out: Array<[string, number, string]> = [];
  x.forEach((d, i) => {
    const field = `${path}[${i}]`;
    let ord: number;
    try {
      ord = parseDateUnchecked(field, d);
    } catch {
      issues.push({ field, code: C.invalidDate, message: 'expected an existing date YYYY-MM-DD', value: d });
      return;
    }
    if (yearOf(ord) !== year) {
      issues.push({ field, code: C.outsideYear, message: `date is not in ${year}`, value: d });
      return;
    }
    out.push([d as string, ord, field]);
  });
  return out;
}

interface Seen {
  off: Map<string, string>;
  makeUp: Map<string, string>;
}

function checkArrangements(x: unknown, path: string, year: number, seen: Seen, issues: ScheduleIssue[]): void {
  if (!Array.isArray(x)) {
    issues.push({ field: path, code: C.required, message: 'expected an array of festival arrangements', value: x });
    return;
  }
  x.forEach((f, i) => {
    const fp = `${path}[${i}]`;
    if (!isObj(f)) {
      issues.push({ field: fp, code: C.required, message: 'expected an object', value: f });
      return;
    }
    if (!isFestivalId(f.festival)) {
      issues.push({ field: `${fp}.festival`, code: C.unknownFestival, message: 'unknown festival id', value: f.festival });
    }
    for (const [d, , field] of dateList(f.offDays, `${fp}.offDays`, year, issues)) {
      const prev = seen.off.get(d);
      if (prev) issues.push({ field, code: C.duplicate, message: `off day already listed at ${prev}`, value: d });
      else seen.off.set(d, field);
    }
    for (const [d, ord, field] of dateList(f.makeUpDays, `${fp}.makeUpDays`, year, issues)) {
      if (!isWeekendOrd(ord)) {
        issues.push({ field, code: C.makeUpNotWeekend, message: 'a make-up working day must be a Saturday or Sunday', value: d });
      }
      const prev = seen.makeUp.get(d);
      if (prev) issues.push({ field, code: C.duplicate, message: `make-up day already listed at ${prev}`, value: d });
      else seen.makeUp.set(d, field);
    }
  });
}

function checkYear(x: unknown, issues: ScheduleIssue[]): number | undefined {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < MIN_YEAR || x > MAX_YEAR) {
    issues.push({ field: 'year', code: C.invalidYear, message: `expected an integer year ${MIN_YEAR}..${MAX_YEAR}`, value: x });
    return undefined;
  }
  return x;
}

function checkOffMakeUpConflicts(seen: Seen, issues: ScheduleIssue[]): void {
  for (const [d, field] of seen.off) {
    const mu = seen.makeUp.get(d);
    if (mu) issues.push({ field, code: C.offAndMakeUp, message: `date is also a make-up day at ${mu}`, value: d });
  }
}

/**
 * Checks a national year schedule (e.g. one received by the API before it is published). Returns every problem
 * found, each naming its field; an empty array means valid. Checks: year in range; notice title, issuer and
 * document number present; every date exists and lies in the year; make-up days are weekend days; no off day or
 * make-up day listed twice; no date both off and make-up (after amendments); known festival ids.
 */
export function validateYearSchedule(input: unknown): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  if (!isObj(input)) return [{ field: '', code: C.required, message: 'expected a year schedule object', value: input }];
  const year = checkYear(input.year, issues);
  checkCitation(input.notice, 'notice', true, issues);
  if (year === undefined) return issues;
  const seen: Seen = { off: new Map(), makeUp: new Map() };
  checkArrangements(input.festivals, 'festivals', year, seen, issues);
  if (input.amendments !== undefined) {
    if (!Array.isArray(input.amendments)) {
      issues.push({ field: 'amendments', code: C.required, message: 'expected an array', value: input.amendments });
    } else {
      input.amendments.forEach((a, i) => {
        const ap = `amendments[${i}]`;
        if (!isObj(a)) {
          issues.push({ field: ap, code: C.required, message: 'expected an object', value: a });
          return;
        }
        checkCitation(a.notice, `${ap}.notice`, true, issues);
        if (!isFestivalId(a.festival)) {
          issues.push({ field: `${ap}.festival`, code: C.unknownFestival, message: 'unknown festival id', value: a.festival });
        }
        for (const [d, , field] of dateList(a.removeMakeUpDays, `${ap}.removeMakeUpDays`, year, issues)) {
          if (!seen.makeUp.delete(d)) issues.push({ field, code: C.notFound, message: 'not a make-up day of this year', value: d });
        }
        for (const [d, , field] of dateList(a.addOffDays, `${ap}.addOffDays`, year, issues)) {
          const prev = seen.off.get(d);
          if (prev) issues.push({ field, code: C.duplicate, message: `off day already listed at ${prev}`, value: d });
          else seen.off.set(d, field);
        }
        if (a.addMakeUpDays !== undefined) {
          for (const [d, ord, field] of dateList(a.addMakeUpDays, `${ap}.addMakeUpDays`, year, issues)) {
            if (!isWeekendOrd(ord)) {
              issues.push({ field, code: C.makeUpNotWeekend, message: 'a make-up working day must be a Saturday or Sunday', value: d });
            }
            const prev = seen.makeUp.get(d);
            if (prev) issues.push({ field, code: C.duplicate, message: `make-up day already listed at ${prev}`, value: d });
            else seen.makeUp.set(d, field);
          }
        }
      });
    }
  }
  checkOffMakeUpConflicts(seen, issues);
  return issues;
}

/** True when {@link validateYearSchedule} finds no problem. */
export function isValidYearSchedule(input: unknown): input is YearSchedule {
  return validateYearSchedule(input).length === 0;
}

/**
 * Checks a region overlay: an id, a name, and per year the same rules as {@link validateYearSchedule} (the
 * document number may be empty where the region publishes none), plus no year listed twice.
 */
export function validateRegionOverlay(input: unknown): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  if (!isObj(input)) return [{ field: '', code: C.required, message: 'expected a region overlay object', value: input }];
  if (!nonEmpty(input.id)) issues.push({ field: 'id', code: C.required, message: 'id is required', value: input.id });
  if (!nonEmpty(input.name)) issues.push({ field: 'name', code: C.required, message: 'name is required', value: input.name });
  if (!Array.isArray(input.years)) {
    issues.push({ field: 'years', code: C.required, message: 'expected an array', value: input.years });
    return issues;
  }
  const years = new Set<number>();
  input.years.forEach((y, i) => {
    const yp = `years[${i}]`;
    if (!isObj(y)) {
      issues.push({ field: yp, code: C.required, message: 'expected an object', value: y });
      return;
    }
    const sub: ScheduleIssue[] = [];
    const year = checkYear(y.year, sub);
    checkCitation(y.notice, 'notice', false, sub);
    if (year !== undefined) {
      if (years.has(year)) sub.push({ field: 'year', code: C.duplicate, message: 'year listed twice', value: year });
      years.add(year);
      const seen: Seen = { off: new Map(), makeUp: new Map() };
      checkArrangements(y.festivals, 'festivals', year, seen, sub);
      checkOffMakeUpConflicts(seen, sub);
    }
    for (const s of sub) issues.push({ ...s, field: `${yp}.${s.field}` });
  });
  return issues;
}

/** True when {@link validateRegionOverlay} finds no problem. */
export function isValidRegionOverlay(input: unknown): input is RegionOverlay {
  return validateRegionOverlay(input).length === 0;
}
