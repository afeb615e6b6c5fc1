/** Receipt instants: validation and the Asia/Shanghai date, for any year (no clock is read). */
import { InvalidInstantError } from './errors.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The Asia/Shanghai calendar date (YYYY-MM-DD) of an ISO 8601 instant with an offset; a plain YYYY-MM-DD is taken
 * as that date. Thrown when malformed: {@link InvalidInstantError}.
 */
export function shanghaiDateOf(value: string, field = 'receivedAt'): string {
  if (typeof value !== 'string') throw new InvalidInstantError(field, value);
  const d = DATE_RE.exec(value);
  if (d) {
    const t = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    if (new Date(t).toISOString().slice(0, 10) !== value) throw new InvalidInstantError(field, value);
    return value;
  }
  if (!INSTANT_RE.test(value)) throw new InvalidInstantError(field, value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidInstantError(field, value);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) plus `k` calendar days. */
export function addCalendarDays(date: string, k: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + k)).toISOString().slice(0, 10);
}
