/** The one-line brief of a listed deadline names the festivals skipped; a weekend is a weekend, in any year. */
import { describe, expect, it } from 'vitest';
import { deadlineSummary } from '../../api/deadline-summary';
import { nationalCalendar as cal, type Deadline } from '../../calendar';

describe('the deadline brief', () => {
  it('names 元旦 but not the weekend of unpublished 2027 as holidays', () => {
    const brief = deadlineSummary(cal.deadline({ start: '2026-12-31', n: 1 }));
    expect(brief).toMatchObject({ skippedDays: 3, skippedWeekendDays: 2, holidays: ["元旦 New Year's Day"], provisional: true });
  });

  it('counts the weekends of a deadline stored before the floor (reason unknown-year) as weekends', () => {
    const stored: Deadline = {
      ...cal.deadline({ start: '2027-01-08', n: 1 }),
      skipped: [
        { date: '2027-01-09', reason: 'unknown-year', name: '周末（2027年放假安排未公布）Weekend; no 2027 notice loaded' },
        { date: '2027-01-10', reason: 'unknown-year', name: '周末（2027年放假安排未公布）Weekend; no 2027 notice loaded' },
      ],
    };
    expect(deadlineSummary(stored)).toMatchObject({ skippedDays: 2, skippedWeekendDays: 2, holidays: [] });
  });
});
