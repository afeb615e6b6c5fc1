/**
 * A minimal RFC 5545 calendar of deadlines. A statutory period ends at 24:00 of its last day (Civil Code art. 203), so
 * each deadline is an all-day event on that day — `DTSTART;VALUE=DATE` the last day, `DTEND;VALUE=DATE` the day after
 * (exclusive, §3.6.1) — and not a zero-length event at 00:00 of the next day, which clients show on the wrong day.
 * DATE values are floating (§3.3.4): the day is the same day in every time zone, so no VTIMEZONE is needed; the
 * calendar still names Asia/Shanghai for clients that show it.
 */
export interface DeadlineEvent {
  /** Stable per task: a client updates the event in place when the deadline moves. */
  uid: string;
  /** The last day of the period, YYYY-MM-DD (the period ends at 24:00 of it, Asia/Shanghai). */
  lastDay: string;
  summary: string;
  description: string;
  /** An absolute URL of the task in the web app. */
  url?: string;
  /** A provisional date (its year's adjustments not yet published): shown as tentative. */
  tentative?: boolean;
  categories?: string[];
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function dateValue(day: string): string {
  return day.replace(/-/g, '');
}

/** The calendar day after `day` (YYYY-MM-DD), by the proleptic Gregorian calendar. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** TEXT values (§3.3.11): backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), on character boundaries so Chinese stays intact. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > 75) {
      out.push(current);
      current = ' ' + ch;
    } else current += ch;
  }
  out.push(current);
  return out.join('\r\n');
}

export interface CalendarMeta {
  name: string;
  description?: string;
}

export function icalendar(meta: CalendarMeta, events: DeadlineEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//gds//deadlines//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(meta.name)}`,
    ...(meta.description ? [`X-WR-CALDESC:${escapeText(meta.description)}`] : []),
    'X-WR-TIMEZONE:Asia/Shanghai',
    // How often a subscribing client should fetch again (RFC 7986 §5.7; the older X- name for Outlook).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART;VALUE=DATE:${dateValue(e.lastDay)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(e.lastDay))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      ...(e.url ? [`URL:${e.url}`] : []),
      ...(e.categories?.length ? [`CATEGORIES:${e.categories.map(escapeText).join(',')}`] : []),
      `STATUS:${e.tentative ? 'TENTATIVE' : 'CONFIRMED'}`,
      // A deadline does not make the person busy that day.
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      // 09:00 of the day before the last day (the event starts at 00:00 of the last day).
      'TRIGGER:-PT15H',
      `DESCRIPTION:${escapeText(e.summary)}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
