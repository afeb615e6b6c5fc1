/**
 * Dates and instants the API accepts: RFC 3339 as written (upper-case `T` and `Z`, no space), real calendar days, no
 * leap second, years 0001–9999, and an instant that Postgres and `Date#toISOString` can both hold (UTC within
 * 0001-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z: `0001-01-01T00:00+08:00` is still year 0 in UTC).
 */

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first and last instants the API stores. */
export const earliestInstant = utc(1, 1, 1);
export const latestInstant = utc(9999, 12, 31) + 86_400_000 - 1;

/** Milliseconds since the epoch of a UTC calendar day; `Date.UTC` would read years 0–99 as 1900–1999. */
function utc(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(utc(year, month, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** True when the instant is one the API stores and prints back as an ISO string Postgres reads. */
export function isStorableInstant(at: Date | number): boolean {
  const ms = typeof at === 'number' ? at : at.getTime();
  return Number.isFinite(ms) && ms >= earliestInstant && ms <= latestInstant;
}

/** A strict RFC 3339 `full-date` with a year 0001–9999 (ajv format `date`). */
export function isStrictDate(text: string): boolean {
  const m = datePattern.exec(text);
  return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The instant of a strict RFC 3339 `date-time`, or undefined when it is not one the API accepts. */
export function parseStrictDateTime(text: string): number | undefined {
  const m = dateTimePattern.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8]) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const ms = utc(year, month, day) + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fraction;
  return isStorableInstant(ms) ? ms : undefined;
}

/** ajv format `date-time`, strict. */
export function isStrictDateTime(text: string): boolean {
  return parseStrictDateTime(text) !== undefined;
}
