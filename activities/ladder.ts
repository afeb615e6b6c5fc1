import type { Calendar, Deadline } from '../calendar';
import type { EscalationRung } from '../db/schema';
import { escalationSchedule, planLadder as planRungs, type Audience, type EscalationPolicy, type LadderRung, type Rung, type RungBasis } from '../rules';
import type { Citation } from '../rules/citation';

export interface PlannedRung {
  rung: EscalationRung;
  /** ISO instant the rung fires. */
  at: string;
  /** Why then, for the people who receive it. */
  explanation: { zh: string; en: string; article?: string };
  /** Whether the measure is in the text, the 2022 draft, or local policy (absent on rungs planned before it was said). */
  basis?: RungBasis;
  /** Who is notified (absent on rungs planned before: the four-rung ladder's fixed recipients). */
  to?: Audience[];
  citation?: Citation;
  /** The end of the time limit the notice sets (rectification). */
  timeLimitEndsAt?: string;
  /** The government then has a task: to order correction within a time limit (Anhui art. 43). */
  opensGovernmentOrder?: boolean;
  /** The notice's title, where the rung's usual one would mislead (a party's option). */
  title?: { zh: string; en: string };
}

/** The four-rung ladder of cases started before the legal ladder: every rung at its planned instant. */
export function planLegacyLadder(calendar: Calendar, deadline: Deadline, policy: EscalationPolicy): PlannedRung[] {
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

/** A step's ladder as the text allows it (rules/ladder.ts), each later rung counted from the previous one's actual firing. */
export function planStepLadder(
  calendar: Calendar,
  deadline: Deadline,
  ladder: readonly LadderRung[],
  fired: Partial<Record<Rung, string>>,
): PlannedRung[] {
  return planRungs(ladder, deadline, fired, calendar).map((r) => ({
    rung: r.rung,
    at: r.at,
    explanation: {
      zh: r.timeLimitEndsAt ? `${r.zh}整改期限至 ${r.timeLimitEndsAt}。` : r.zh,
      en: r.timeLimitEndsAt ? `${r.en} Rectify by ${r.timeLimitEndsAt}.` : r.en,
      article: r.citation.article,
    },
    basis: r.basis,
    to: r.to,
    citation: r.citation,
    ...(r.timeLimitEndsAt ? { timeLimitEndsAt: r.timeLimitEndsAt } : {}),
    ...(r.opensGovernmentOrder ? { opensGovernmentOrder: true } : {}),
    ...(r.title ? { title: r.title } : {}),
  }));
}
