import type { Calendar, Deadline } from '../calendar';
import type { EscalationRung } from '../db/schema';
import { escalationSchedule, type EscalationPolicy } from '../rules';

export interface PlannedRung {
  rung: EscalationRung;
  /** ISO instant the rung fires. */
  at: string;
  /** Why then, for the people who receive it. */
  explanation: { zh: string; en: string; article?: string };
}

/** Every rung of a duty step's ladder, in order, from its deadline and the pack's escalation policy. */
export function planLadder(calendar: Calendar, deadline: Deadline, policy: EscalationPolicy): PlannedRung[] {
  const at = escalationSchedule(deadline, policy, calendar);
  const iso = (instant: string) => new Date(instant).toISOString();
  const rungs: PlannedRung[] = [];
  if (at.reminderAt) {
    rungs.push({ rung: 'reminder', at: iso(at.reminderAt), explanation: { zh: policy.reminderBefore.zh, en: policy.reminderBefore.en } });
  }
  rungs.push(
    { rung: 'overdue', at: iso(at.overdueAt), explanation: { zh: policy.overdue.zh, en: policy.overdue.en, article: policy.overdue.citation.article } },
    {
      rung: 'rectification',
      at: iso(at.rectificationAt),
      explanation: {
        zh: `${policy.rectificationGrace.zh}；整改期限至 ${at.rectificationDueAt}`,
        en: `${policy.rectificationGrace.en}; rectify by ${at.rectificationDueAt}`,
        article: policy.rectificationGrace.citation.article,
      },
    },
    {
      rung: 'government-report',
      at: iso(at.governmentReportAt),
      explanation: { zh: policy.governmentReport.zh, en: policy.governmentReport.en, article: policy.governmentReport.citation.article },
    },
  );
  return rungs;
}
