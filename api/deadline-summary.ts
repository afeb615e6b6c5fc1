import type { Deadline } from '../calendar';

/**
 * A deadline in one line for lists: its start, rule and end, how many days were skipped and which holidays, and the
 * make-up days counted. The day-by-day explanation is on the task itself (`GET /api/tasks/:id`).
 */
export function deadlineSummary(deadline: Deadline) {
  const holidays = [...new Set(deadline.skipped.filter((s) => s.reason !== 'weekend' && s.name).map((s) => s.name!))];
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
    skippedWeekendDays: deadline.skipped.filter((s) => s.reason === 'weekend').length,
    holidays,
    makeUpDaysCounted: deadline.counted.filter((c) => c.makeUp).length,
    extensions: deadline.extensions ?? [],
  };
}
