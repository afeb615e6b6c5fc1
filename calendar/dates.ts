import { InvalidDateError, OutOfRangeError } from './errors.js';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Asia/Shanghai is UTC+08:00 all year: China has had no daylight saving time since 1991. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * First supported date. Every input and every result lies in {@link MIN_DATE}..{@link MAX_DATE}, so any result can be
 * fed back in; anything outside throws {@link OutOfRangeError}.
 */
export const MIN_DATE = '2015-01-01';
/** Last supported date; see {@link MIN_DATE}. */
export const MAX_DATE = '2035-12-31';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** A civil date as days since 1970-01-01 (the "ordinal"). */
export type Ordinal = number;

function civilToOrdinal(y: number, m: number, d: number): Ordinal | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** Parses `YYYY-MM-DD` into an ordinal without a range check. Thrown when malformed: {@link InvalidDateError}. */
export function parseDateUnchecked(field: string, value: unknown): Ordinal {
  if (typeof value !== 'string') throw new InvalidDateError(field, value, 'expected a YYYY-MM-DD string');
  const m = DATE_RE.exec(value);
  const ord = m ? civilToOrdinal(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (ord === undefined) throw new InvalidDateError(field, value, 'expected an existing calendar date YYYY-MM-DD');
  return ord;
}

/** Ordinal of {@link MIN_DATE}. */
export const MIN_ORD = parseDateUnchecked('MIN_DATE', MIN_DATE);
/** Ordinal of {@link MAX_DATE}. */
export const MAX_ORD = parseDateUnchecked('MAX_DATE', MAX_DATE);

/** Throws {@link OutOfRangeError} unless `ord` lies in {@link MIN_DATE}..{@link MAX_DATE}. */
export function checkInputRange(field: string, value: unknown, ord: Ordinal): Ordinal {
  if (ord < MIN_ORD || ord > MAX_ORD) throw new OutOfRangeError(field, value, MIN_DATE, MAX_DATE);
  return ord;
}

/** Parses `YYYY-MM-DD` within the supported input range. */
export function parseDate(field: string, value: unknown): Ordinal {
  return checkInputRange(field, value, parseDateUnchecked(field, value));
}

/** Formats an ordinal as `YYYY-MM-DD`. */
export function formatDate(ord: Ordinal): string {
  return new Date(ord * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week of an ordinal: 0 = Sunday … 6 = Saturday. */
export function weekday(ord: Ordinal): number {
  return (((ord + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekendOrd(ord: Ordinal): boolean {
  const w = weekday(ord);
  return w === 0 || w === 6;
}

/** Gregorian year of an ordinal. */
export function yearOf(ord: Ordinal): number {
  return new Date(ord * DAY_MS).getUTCFullYear();
}

/** A point in time and its calendar date in Asia/Shanghai. */
export interface ShanghaiInstant {
  /** Epoch milliseconds. */
  ms: number;
  /** The Asia/Shanghai calendar date as an ordinal. */
  ord: Ordinal;
}

/**
 * Parses an instant: `YYYY-MM-DD` (midnight of that date in Asia/Shanghai) or an ISO 8601 date-time with `Z` or an
 * explicit offset. A date-time without an offset is rejected because it names no single instant.
 * Thrown when malformed: {@link InvalidDateError}; when outside the range: {@link OutOfRangeError}.
 */
export function parseInstant(field: string, value: unknown): ShanghaiInstant {
  if (typeof value !== 'string') throw new InvalidDateError(field, value);
  if (DATE_RE.test(value)) {
    const ord = parseDate(field, value);
    return { ms: ord * DAY_MS - SHANGHAI_OFFSET_MS, ord };
  }
  const m = INSTANT_RE.exec(value);
  if (!m) throw new InvalidDateError(field, value);
  const dayOrd = civilToOrdinal(Number(m[1]), Number(m[2]), Number(m[3]));
  const hh = Number(m[4]);
  const mm = Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  const frac = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (dayOrd === undefined || hh > 23 || mm > 59 || ss > 59) throw new InvalidDateError(field, value);
  const zone = m[8] as string;
  let offsetMs = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) throw new InvalidDateError(field, value, 'invalid UTC offset');
    offsetMs = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms = dayOrd * DAY_MS + ((hh * 60 + mm) * 60 + ss) * 1000 + frac - offsetMs;
  const ord = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
  checkInputRange(field, value, ord);
  return { ms, ord };
}

/** Formats epoch milliseconds as an ISO instant in +08:00, e.g. `2025-09-28T10:00:00+08:00`. */
export function formatShanghaiInstant(ms: number): string {
  const iso = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
  const base = iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  return `${base}+08:00`;
}

/** Midnight (00:00 Asia/Shanghai) at the start of `ord`, as an ISO instant in +08:00. */
export function startOfDayInstant(ord: Ordinal): string {
  return `${formatDate(ord)}T00:00:00+08:00`;
}

/**
 * An instant as the law names the end of a period, in Asia/Shanghai: 00:00 of day D+1 is `D 24:00` (Civil Code
 * art. 203: a period ends at 24:00 of its last day), any other instant `YYYY-MM-DD HH:mm`. So an escalation that fires
 * when a period ends reads as the last day's 24:00, never as 00:00 of the (possibly holiday) day after.
 * Thrown when malformed: {@link InvalidDateError}.
 */
export function formatPeriodEnd(instant: string): string {
  const ms = typeof instant === 'string' && INSTANT_RE.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidDateError('instant', instant, 'expected an ISO instant with an offset');
  const ord = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
  const hhmm = local.slice(11, 16);
  if (hhmm === '00:00' && local.slice(17, 23) === '00.000') return `${formatDate(ord - 1)} 24:00`;
  return `${formatDate(ord)} ${hhmm}`;
}
