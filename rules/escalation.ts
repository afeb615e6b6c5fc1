/**
 * A step's escalation ladder as the workflow sees it: when each rung fires (from the deadline and the pack's policy,
 * or the rungs the text allows, rules/ladder.ts), the planned rungs the read model records, and what the ladder does
 * next ({@link nextWake}). Pure, workflow-safe: uses only the calendar.
 */
import { nationalCalendar, type Calendar, type Deadline } from '../calendar/index.js';
import type { Citation } from './citation.js';
import { addCalendarDays } from './instant.js';
import { planLadder, type Audience, type LadderRung, type Rung } from './ladder.js';
import type { EscalationPolicy, RungBasis } from './types.js';

/** The instants (ISO, +08:00) the rungs fire at. */
export interface EscalationSchedule {
  /** 00:00 of the day when `reminderBefore` remains; `null` when that is not after the clock's start. */
  reminderAt: string | null;
  /** The due instant (24:00 of the due day). */
  overdueAt: string;
  /** When the rectification notice (限期整改) goes out: `rectificationGrace` after the due date. */
  rectificationAt: string;
  /** The end of the rectification time limit, counted from the notice. */
  rectificationDueAt: string;
  /** When the case is reported to the people's government: the rectification time limit has passed. */
  governmentReportAt: string;
}

function startOf(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/**
 * The escalation ladder of a duty step. A party's option (`option`) is not escalated (see `optionLadder`): don't call this
 * for them. Pure: uses only the calendar.
 */
export function escalationSchedule(
  deadline: Deadline,
  policy: EscalationPolicy,
  calendar: Calendar = nationalCalendar,
): EscalationSchedule {
  const j = deadline.jurisdiction;
  const before = policy.reminderBefore.value;
  let reminderAt: string | null = null;
  if (before.n > 0) {
    let r = deadline.due;
    for (let i = 1; i < before.n; i++) {
      if (before.unit === 'days') r = addCalendarDays(r, -1);
      else do r = addCalendarDays(r, -1); while (!calendar.isWorkingDay(r, j));
    }
    const at = startOf(r);
    reminderAt = Date.parse(at) > Date.parse(deadline.start) ? at : null;
  }
  const grace = policy.rectificationGrace.value;
  const rectificationAt =
    grace.n === 0
      ? deadline.endsAt
      : calendar.deadline({ start: deadline.due, n: grace.n, unit: grace.unit, jurisdiction: j }).endsAt;
  const limit = policy.rectificationTimeLimit.value;
  const rectificationDueAt = calendar.deadline({ start: rectificationAt, n: limit.n, unit: limit.unit, jurisdiction: j }).endsAt;
  return { reminderAt, overdueAt: deadline.endsAt, rectificationAt, rectificationDueAt, governmentReportAt: rectificationDueAt };
}

/**
 * One rung of a step's ladder with the instant it fires: what the `planEscalations` activity returns and the workflow
 * fires and records. Its shape is in the recorded histories of running cases (an activity result): add only optional
 * fields.
 */
export interface PlannedRung {
  rung: Rung;
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

/** A step's ladder as the text allows it ({@link ladderFor}), each later rung counted from the previous one's actual firing. */
export function planStepLadder(
  calendar: Calendar,
  deadline: Deadline,
  ladder: readonly LadderRung[],
  fired: Partial<Record<Rung, string>>,
): PlannedRung[] {
  return planLadder(ladder, deadline, fired, calendar).map((r) => ({
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

/** Why a rung was passed over instead of sent. */
export const SKIP_REASONS = {
  /** A reminder that comes due after the deadline it warns of has passed is not sent late. */
  deadlinePassed: {
    code: 'deadline-passed',
    zh: '期限已届满，提醒不再补发（逾期通知照常发出）。',
    en: 'The deadline had already passed: the reminder is not sent late (the overdue notice goes out as usual).',
  },
} as const;
/** A value of {@link SKIP_REASONS}. */
export type SkipReason = (typeof SKIP_REASONS)[keyof typeof SKIP_REASONS];

/** A rung passed over: which, when it was decided, and why. */
export interface SkippedRung {
  rung: Rung;
  /** ISO instant (UTC) it was passed over. */
  at: string;
  why: SkipReason;
}

/**
 * What a task's ladder has done in its current round. A rung is in at most one of the two: it went out (`fired`, with
 * the instant it did) or it was passed over (`skipped`, with why).
 */
export interface LadderProgress {
  fired: Partial<Record<Rung, string>>;
  skipped: readonly SkippedRung[];
}

/** What a task's watch does next. */
export type Wake =
  /** Wait until `at` (ms since the epoch), then send `rung`. */
  | { kind: 'fire'; rung: PlannedRung; at: number; skip: SkippedRung[] }
  /** A party's option that lapses: wait until its period ends at `at`, then take it as exercised the way the pack says. */
  | { kind: 'lapse'; at: number; skip: SkippedRung[] }
  /** Nothing left to send: wait until something changes (the task done, its deadline moved). */
  | { kind: 'idle'; skip: SkippedRung[] };

/**
 * The next thing a task's ladder does, at `now` (ms since the epoch, the workflow's clock): the first rung that has
 * neither fired nor been skipped, at its planned instant. A reminder whose deadline has already passed is skipped,
 * not sent late; the rungs it skips come back in `skip`, for the caller to record apart from the rungs that fired.
 * For a party's option that lapses (`lapses`), the lapse at the due instant comes before any rung planned at or after
 * it. Pure: no clock, no calendar.
 */
export function nextWake(
  ladder: readonly PlannedRung[],
  progress: LadderProgress,
  deadline: Pick<Deadline, 'endsAt'>,
  now: number,
  opts: { lapses?: boolean } = {},
): Wake {
  const endsAt = Date.parse(deadline.endsAt);
  const skip: SkippedRung[] = [];
  const handled = (rung: Rung) => progress.fired[rung] !== undefined || progress.skipped.some((s) => s.rung === rung);
  let next: PlannedRung | undefined;
  for (const rung of ladder) {
    if (handled(rung.rung)) continue;
    if (rung.rung === 'reminder' && endsAt <= now) {
      skip.push({ rung: rung.rung, at: new Date(now).toISOString(), why: SKIP_REASONS.deadlinePassed });
      continue;
    }
    next = rung;
    break;
  }
  if (opts.lapses && (!next || Date.parse(next.at) >= endsAt)) return { kind: 'lapse', at: endsAt, skip };
  if (!next) return { kind: 'idle', skip };
  return { kind: 'fire', rung: next, at: Date.parse(next.at), skip };
}
