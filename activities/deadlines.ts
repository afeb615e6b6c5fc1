import { ApplicationFailure } from '@temporalio/activity';
import { CalendarError, type Calendar, type Deadline, type DeadlineQuery } from '../calendar';
import type { EscalationPolicy, LadderRung, Rung } from '../rules';
import { planLegacyLadder, planStepLadder, type PlannedRung } from '../rules/escalation';

/** Bad input does not get better by retrying. */
function nonRetryable(error: unknown): never {
  if (error instanceof CalendarError) throw ApplicationFailure.nonRetryable(error.message, error.name, { ...error });
  throw error;
}

/**
 * Deadlines are computed here, not in workflow code: the result is recorded in history, so a calendar published later
 * never changes a replayed run; the workflow asks again when told the calendar changed.
 */
export function deadlineActivities(calendar: () => Promise<Calendar>) {
  return {
    async computeDeadline(query: DeadlineQuery): Promise<Deadline> {
      const cal = await calendar();
      try {
        return cal.deadline(query);
      } catch (error) {
        return nonRetryable(error);
      }
    },

    /** A deadline extended by `n` units from its current last day (extensions add to the deadline, not the start). */
    async extendDeadline(input: { deadline: Deadline; n: number }): Promise<Deadline> {
      const cal = await calendar();
      try {
        return cal.extend(input.deadline, input.n);
      } catch (error) {
        return nonRetryable(error);
      }
    },

    /** The same period recomputed on the calendar now in force, its extensions applied again in order. */
    async recomputeDeadline(input: { query: DeadlineQuery; extensions: number[] }): Promise<Deadline> {
      const cal = await calendar();
      try {
        return input.extensions.reduce((d, n) => cal.extend(d, n), cal.deadline(input.query));
      } catch (error) {
        return nonRetryable(error);
      }
    },

    /**
     * A step's ladder with its instants. With `ladder` (cases since the legal ladder): the rungs the text allows, each
     * later one counted from the previous one's actual firing in `fired`; without: the four-rung ladder of older cases.
     */
    async planEscalations(input: {
      deadline: Deadline;
      policy: EscalationPolicy;
      ladder?: LadderRung[];
      fired?: Partial<Record<Rung, string>>;
    }): Promise<PlannedRung[]> {
      const cal = await calendar();
      try {
        if (input.ladder) return planStepLadder(cal, input.deadline, input.ladder, input.fired ?? {});
        return planLegacyLadder(cal, input.deadline, input.policy);
      } catch (error) {
        return nonRetryable(error);
      }
    },
  };
}
