import { describe, expect, it } from 'vitest';
import { nationalCalendar as cal, timeLeft } from '../../calendar/index.js';

/** A Beijing wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('time left on a task: 还剩 N counts the working days after today, 今日到期 on the last day, 逾期 N after it', () => {
  // Received Friday 2025-09-26; 3 working days: Sunday 09-28 (调休上班日), Monday 09-29, Tuesday 09-30.
  const d = cal.deadline({ start: '2025-09-26', n: 3 });
  const dueAt = new Date(d.endsAt);

  it('is due at 24:00 of 2025-09-30 (the make-up Sunday counted)', () => {
    expect(d.due).toBe('2025-09-30');
    expect(dueAt.toISOString()).toBe('2025-09-30T16:00:00.000Z');
  });

  it.each([
    ['2025-09-26T15:00:00', 'running', 3], // the day of receipt: all three working days are still ahead
    ['2025-09-27T09:00:00', 'running', 3], // Saturday, a day off: nothing used up
    ['2025-09-28T09:00:00', 'running', 2], // the make-up Sunday is itself a working day, so today is not left
    ['2025-09-29T23:59:59', 'running', 1],
    ['2025-09-30T00:00:00', 'due-today', 0],
    ['2025-09-30T23:59:59', 'due-today', 0],
    ['2025-10-01T00:00:00', 'overdue', 0], // 24:00 has passed, but no working day after the last day yet (国庆节)
    ['2025-10-08T18:00:00', 'overdue', 0], // still the holiday
    ['2025-10-09T08:00:00', 'overdue', 1], // the first working day after the holiday counts, today included
    ['2025-10-11T08:00:00', 'overdue', 3], // Saturday 10-11 is a make-up working day
    ['2025-10-12T08:00:00', 'overdue', 3],
  ] as const)('at %s Beijing time it is %s with %i working days', (now, state, workingDays) => {
    expect(timeLeft(cal, dueAt, at(now))).toEqual({ state, overdue: state === 'overdue', workingDays });
  });

  it('a one-day period received on its eve is due today the next working day', () => {
    const one = cal.deadline({ start: '2025-06-09', n: 1 });
    expect(timeLeft(cal, new Date(one.endsAt), at('2025-06-09T10:00:00'))).toEqual({ state: 'running', overdue: false, workingDays: 1 });
    expect(timeLeft(cal, new Date(one.endsAt), at('2025-06-10T10:00:00'))).toEqual({ state: 'due-today', overdue: false, workingDays: 0 });
  });
});
