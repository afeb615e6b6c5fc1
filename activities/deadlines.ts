import { ApplicationFailure } from '@temporalio/activity';
import { CalendarError, type Calendar, type Deadline, type DeadlineQuery } from '../calendar';

export function deadlineActivities(calendar: () => Calendar) {
  return {
    /** Deadlines are computed here, not in workflow code, so a republished calendar never changes a replayed history. */
    async computeDeadline(query: DeadlineQuery): Promise<Deadline> {
      try {
        return calendar().deadline(query);
      } catch (error) {
        // Bad input does not get better by retrying.
        if (error instanceof CalendarError) {
          throw ApplicationFailure.nonRetryable(error.message, error.name, { ...error });
        }
        throw error;
      }
    },
  };
}
