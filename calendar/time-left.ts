import { shanghaiDate } from './calendar.js';
import type { Calendar } from './types.js';

/** Where a period stands today, as the task list says it. */
export const TIME_LEFT_STATES = ['running', 'due-today', 'overdue'] as const;
export type TimeLeftState = (typeof TIME_LEFT_STATES)[number];

/** 还剩 N 个工作日 / 今日到期 / 逾期 N 个工作日. */
export interface TimeLeft {
  state: TimeLeftState;
  /** The same as `state === 'overdue'`, kept for readers of the first API version. */
  overdue: boolean;
  /**
   * `running`: the working days after today up to and including the last day (today itself is not "left": a 3-WD
   * period received today shows 3, and 1 on the day before its last day). `due-today`: 0. `overdue`: the working days
   * after the last day up to and including today (the first working day after the last day is 逾期 1 个工作日).
   */
  workingDays: number;
}

/**
 * Time left on a period whose due instant is `dueAt` (24:00 of its last day, Asia/Shanghai), seen at `now`.
 * Today is the Shanghai date of `now`; a plain date stands for 24:00 at its end in `workingDaysBetween`.
 */
export function timeLeft(calendar: Calendar, dueAt: Date, now: Date, jurisdiction?: string): TimeLeft {
  const today = shanghaiDate(now.toISOString());
  const due = dueAt.toISOString();
  if (now.getTime() >= dueAt.getTime()) {
    return { state: 'overdue', overdue: true, workingDays: calendar.workingDaysBetween(due, today, jurisdiction) };
  }
  const left = calendar.workingDaysBetween(today, due, jurisdiction);
  return left > 0 ? { state: 'running', overdue: false, workingDays: left } : { state: 'due-today', overdue: false, workingDays: 0 };
}
