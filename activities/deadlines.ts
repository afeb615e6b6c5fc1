import type { Calendar, Deadline, DeadlineQuery } from '../calendar';

export function deadlineActivities(calendar: () => Calendar) {
  return {
    /** Deadlines are computed here, not in workflow code, so a republished calendar never changes a replayed history. */
    async computeDeadline(query: DeadlineQuery): Promise<Deadline> {
      return calendar().deadline(query);
    },
  };
}
