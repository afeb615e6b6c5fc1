import type { Deadline } from '../calendar';

/**
 * A deadline in one line for lists: its start, rule and end, how many days were skipped and which holidays, and the
 * make-up days counted. The day-by-day explanation is on the task itself (`GET /api/tasks/:id`).
 */
export function deadlineSummary(deadline: Deadline) {
  // Only days off named by a festival: a weekend is a weekend, also in an unpublished year (whose deadlines stored
  // before the statutory floor still carry reason `unknown-year` for weekends).
  const isHoliday = (s: Deadline['skipped'][number]) => (s.reason === 'holiday' || s.reason === 'regional-holiday') && Boolean(s.name);
  const weekend = (s: Deadline['skipped'][number]) => s.reason === 'weekend' || s.reason === 'unknown-year';
  const holidays = [...new Set(deadline.skipped.filter(isHoliday).map((s) => s.name!))];
  return {
    start: deadline.start,
    startDate: deadline.startDate,
    n: deadline.n,
    unit: deadline.unit,
    jurisdiction: deadline.jurisdiction,
    due: deadline.due,
    endsAt: deadline.endsAt,
    provisional: deadline.provisional,
    rule: deadline.rule,
    skippedDays: deadline.skipped.length,
    skippedWeekendDays: deadline.skipped.filter(weekend).length,
    holidays,
    makeUpDaysCounted: deadline.counted.filter((c) => c.makeUp).length,
    extensions: deadline.extensions ?? [],
  };
}
