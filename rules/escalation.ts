/** When each rung of a step's escalation ladder fires, from its deadline and the pack's escalation policy. */
import { nationalCalendar, type Calendar, type Deadline } from '../calendar/index.js';
import { addCalendarDays } from './instant.js';
import type { EscalationPolicy } from './types.js';

/** The instants (ISO, +08:00) the rungs fire at. */
export interface EscalationSchedule {
  /** 00:00 of the day when `reminderBefore` remains; `null` when that is not after the clock's start. */
  reminderAt: string | null;
  /** The due instant (24:00 of the due day). */
  overdueAt: string;
  /** When the rectification notice (限期整改) goes out: `rectificationGrace` after the due date. */
  rectificationAt: string;
  /** The end of the rectification time limit, counted from the notice. */
  rectificationDueAt: string;
  /** When the case is reported to the people's government: the rectification time limit has passed. */
  governmentReportAt: string;
}

function startOf(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/**
 * The escalation ladder of a duty step. A party's option (`option`) is not escalated (see `optionLadder`): don't call this
 * for them. Pure: uses only the calendar.
 */
export function escalationSchedule(
  deadline: Deadline,
  policy: EscalationPolicy,
  calendar: Calendar = nationalCalendar,
): EscalationSchedule {
  const j = deadline.jurisdiction;
  const before = policy.reminderBefore.value;
  let reminderAt: string | null = null;
  if (before.n > 0) {
    let r = deadline.due;
    for (let i = 1; i < before.n; i++) {
      if (before.unit === 'days') r = addCalendarDays(r, -1);
      else do r = addCalendarDays(r, -1); while (!calendar.isWorkingDay(r, j));
    }
    const at = startOf(r);
    reminderAt = Date.parse(at) > Date.parse(deadline.start) ? at : null;
  }
  const grace = policy.rectificationGrace.value;
  const rectificationAt =
    grace.n === 0
      ? deadline.endsAt
      : calendar.deadline({ start: deadline.due, n: grace.n, unit: grace.unit, jurisdiction: j }).endsAt;
  const limit = policy.rectificationTimeLimit.value;
  const rectificationDueAt = calendar.deadline({ start: rectificationAt, n: limit.n, unit: limit.unit, jurisdiction: j }).endsAt;
  return { reminderAt, overdueAt: deadline.endsAt, rectificationAt, rectificationDueAt, governmentReportAt: rectificationDueAt };
}
