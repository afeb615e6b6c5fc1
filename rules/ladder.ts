/**
 * The escalation ladder a text allows for one step: which rungs, against whom, on what basis, and when each fires,
 * counted from the instant the rung before it actually went out. Pure: uses only the calendar.
 */
import { nationalCalendar, type Calendar, type Deadline } from '../calendar/index.js';
import type { Citation } from './citation.js';
import { addCalendarDays } from './instant.js';
import type { Actor, EscalationPolicy, LadderPolicy, Period, PeriodBasis, RungBasis } from './types.js';

/** The rungs of a ladder. */
export const RUNGS = {
  reminder: 'reminder',
  overdue: 'overdue',
  /** 限期整改 / 督促整改: the authority's notice to a department. */
  rectification: 'rectification',
  /** 通报批评 (Hebei draft art. 39; Hebei 2016 art. 21). */
  circularCriticism: 'circular-criticism',
  /** 上报本级人民政府 (Anhui art. 43; Hebei draft art. 41). */
  governmentReport: 'government-report',
  /** 责令改正 by the competent body (Hebei 2016 art. 22). */
  correctionOrder: 'correction-order',
  /** The authority's own step, still not done: the people's government it answers to is informed (internal oversight). */
  oversightReport: 'oversight-report',
} as const;
/** A value of {@link RUNGS}. */
export type Rung = (typeof RUNGS)[keyof typeof RUNGS];

/** Who a rung's notice goes to: the task's assignee, the same-level authority's reviewer or supervisor, the government. */
export type Audience = 'assignee' | 'authority' | 'supervisor' | 'government';

/** Whose duty the step is, as the ladder sees it. */
export type DutyHolder = 'department' | 'authority' | 'government' | 'upper-authority' | 'relay-authority';

/** One rung of a step's ladder, before its instant is known. */
export interface LadderRung {
  rung: Rung;
  /** Whether the measure itself is in the text (`law`), in the 2022 draft (`draft`), or a local default (`policy`). */
  basis: RungBasis;
  /** Reminder: this long before the due day. Overdue: neither (at the due instant). Later rungs: `after`. */
  before?: Period;
  /** Counted from the day the previous rung's notice actually went out; `n: 0` is at once after it. */
  after?: Period;
  to: Audience[];
  zh: string;
  en: string;
  citation: Citation;
  /** The time limit the notice sets, counted from the day it actually went out (rectification). */
  timeLimit?: Period;
  /** After this rung, the government has a task of its own: to order correction within a time limit. */
  opensGovernmentOrder?: boolean;
  /** The notice's own title where the rung's usual one would mislead (a party's option is not "due"). */
  title?: { zh: string; en: string };
}

/** A rung with its instant. */
export interface PlannedLadderRung extends LadderRung {
  /** ISO instant (UTC) the rung fires. */
  at: string;
  /** For a rung with `timeLimit`: when that limit ends (ISO, +08:00). */
  timeLimitEndsAt?: string;
}

/** The duty holder of a step's actor (or its `dutyOf`). */
export function dutyHolderOf(actor: Actor): DutyHolder {
  if (actor === 'authority' || actor === 'government' || actor === 'upper-authority' || actor === 'relay-authority') return actor;
  return 'department';
}

const OVERDUE: Record<DutyHolder, { zh: string; en: string }> = {
  department: {
    zh: '到期(到期日24时)仍未办结:逾期通知送责任部门及主管部门督办人员。',
    en: "Not done at the due instant (24:00 of the due day): an overdue notice to the responsible department and the authority's supervisor.",
  },
  authority: {
    zh: '主管部门自身的步骤到期未办结:内部督办,逾期通知送承办人员及主管部门督办人员。',
    en: "The authority's own step not done at the due instant: internal oversight, an overdue notice to the officer and the authority's supervisor.",
  },
  government: {
    zh: '本级人民政府的步骤到期未办结:逾期提示(主管部门对人民政府无督办权,不限期整改、不上报)。',
    en: "The people's government's step not done at the due instant: an overdue notice only (the authority does not supervise the government: no rectification, no report).",
  },
  'upper-authority': {
    zh: '上一级主管部门的步骤到期未办结:逾期提示(不限期整改、不上报)。',
    en: "The upper-level authority's step not done at the due instant: an overdue notice only (no rectification, no report).",
  },
  'relay-authority': {
    zh: '需求部门本级主管部门转报的步骤到期未办结:逾期提示(转报期限为本地政策;办理申请的上一级主管部门不对其限期整改、不上报)。',
    en: "The requester's own-level authority has not relayed the request at the due instant: an overdue notice only (the relay period is local policy; the upper-level authority handling the request neither orders rectification nor reports).",
  },
};

const TIMING_IS_POLICY = { zh: '时点为本地政策。', en: 'Its timing is local policy.' };

/**
 * The rungs a step gets. A department's step whose period is law or draft gets the measures the text gives (notice to
 * rectify, 通报批评 where provided, the report or order); so does one with a local-policy period only where the pack
 * says so (`superviseLocalPolicyPeriods`, itself marked local policy). The authority's own step gets internal
 * oversight (its supervisor, then the people's government it answers to), again only for a period the law sets. The
 * government's and the upper-level authority's steps get the reminder and the overdue notice only.
 * Thrown when the policy has no `ladder` (a pack older than it): use {@link escalationSchedule} for those.
 */
export function ladderFor(
  policy: EscalationPolicy,
  step: { holder: DutyHolder; periodBasis: PeriodBasis; assigneeIsAuthority?: boolean },
): LadderRung[] {
  const l: LadderPolicy | undefined = policy.ladder;
  if (!l) throw new Error('this escalation policy has no ladder (a pack older than it)');
  const { holder } = step;
  // Record-filing: the upper-level authority's task, the same-level authority's duty.
  const assigneeOnly: Audience[] = holder === 'authority' && step.assigneeIsAuthority === false ? ['assignee', 'authority'] : ['assignee'];
  const rungs: LadderRung[] = [];
  if (policy.reminderBefore.value.n > 0) {
    rungs.push({
      rung: 'reminder',
      basis: 'policy',
      before: policy.reminderBefore.value,
      to: assigneeOnly,
      zh: policy.reminderBefore.zh,
      en: policy.reminderBefore.en,
      citation: policy.reminderBefore.citation,
    });
  }
  const overdueTo: Audience[] = holder === 'department' || holder === 'authority' ? [...assigneeOnly, 'supervisor'] : ['assignee'];
  rungs.push({ rung: 'overdue', basis: 'policy', to: overdueTo, ...OVERDUE[holder], citation: policy.overdue.citation });

  const periodIsLaw = step.periodBasis === 'law' || step.periodBasis === 'draft';
  const supervised = periodIsLaw || l.superviseLocalPolicyPeriods.value;
  if (!supervised) return rungs;
  // A measure applied to a local-policy period is itself local policy.
  const basisOf = (b: RungBasis): RungBasis => (periodIsLaw ? b : 'policy');

  if (holder === 'authority') {
    rungs.push({
      rung: 'oversight-report',
      basis: 'policy',
      after: l.internalOversight.grace.value,
      to: ['supervisor', 'government'],
      zh: `${l.internalOversight.grace.zh}(内部监督,非对部门的督办)${TIMING_IS_POLICY.zh}`,
      en: `${l.internalOversight.grace.en} (internal oversight, not supervision of a department) ${TIMING_IS_POLICY.en}`,
      citation: l.internalOversight.citation,
    });
    return rungs;
  }
  if (holder !== 'department') return rungs;

  const limit = policy.rectificationTimeLimit.value;
  rungs.push({
    rung: 'rectification',
    basis: basisOf(l.rectification.basis),
    after: policy.rectificationGrace.value,
    timeLimit: limit,
    to: ['assignee', 'supervisor'],
    zh: `${l.rectification.zh}${policy.rectificationGrace.zh}${policy.rectificationTimeLimit.zh}${TIMING_IS_POLICY.zh}`,
    en: `${l.rectification.en} ${policy.rectificationGrace.en} ${policy.rectificationTimeLimit.en} ${TIMING_IS_POLICY.en}`,
    citation: l.rectification.citation,
  });
  const criticism = l.circularCriticism;
  if (criticism) {
    rungs.push({
      rung: 'circular-criticism',
      basis: basisOf(criticism.basis),
      after: limit,
      to: ['assignee', 'supervisor'],
      zh: `${criticism.zh}${criticism.trigger ? criticism.trigger.zh : ''}`,
      en: `${criticism.en}${criticism.trigger ? ` ${criticism.trigger.en}` : ''}`,
      citation: criticism.citation,
    });
  }
  const referral = l.referral;
  rungs.push({
    rung: referral.to === 'government' ? 'government-report' : 'correction-order',
    basis: basisOf(referral.basis),
    after: criticism ? { n: 0, unit: limit.unit } : limit,
    to: referral.to === 'government' ? ['assignee', 'supervisor', 'government'] : ['assignee', 'supervisor'],
    zh: referral.zh,
    en: referral.en,
    citation: referral.citation,
    ...(referral.to === 'government' && l.governmentOrder ? { opensGovernmentOrder: true } : {}),
  });
  return rungs;
}

/**
 * Each rung with its instant. The reminder and the overdue notice hang on the deadline; every later rung is counted
 * from the day the rung before it actually went out (`fired`), or, until it has, from that rung's own planned
 * instant: a late notice (a case registered after the fact, an outage) pushes everything after it back, so a rung
 * never fires before the previous rung's time limit has really run.
 */
export function planLadder(
  ladder: readonly LadderRung[],
  deadline: Deadline,
  fired: Partial<Record<Rung, string>> = {},
  calendar: Calendar = nationalCalendar,
): PlannedLadderRung[] {
  const j = deadline.jurisdiction;
  const planned: PlannedLadderRung[] = [];
  let previousAt = deadline.endsAt;
  for (const r of ladder) {
    let at: string;
    if (r.rung === 'reminder') {
      let day = deadline.due;
      for (let i = 1; i < r.before!.n; i++) {
        if (r.before!.unit === 'days') day = addCalendarDays(day, -1);
        else do day = addCalendarDays(day, -1); while (!calendar.isWorkingDay(day, j));
      }
      at = `${day}T00:00:00+08:00`;
      if (Date.parse(at) <= Date.parse(deadline.start)) continue;
      planned.push({ ...r, at: iso(at) });
      continue;
    }
    if (r.rung === 'overdue') at = deadline.endsAt;
    else {
      const after = r.after ?? { n: 0, unit: 'working-days' };
      at = after.n === 0 ? previousAt : calendar.deadline({ start: previousAt, n: after.n, unit: after.unit, jurisdiction: j }).endsAt;
    }
    const actual = fired[r.rung];
    const base = actual && Date.parse(actual) > Date.parse(at) ? actual : at;
    const entry: PlannedLadderRung = { ...r, at: iso(at) };
    if (r.timeLimit) {
      entry.timeLimitEndsAt = calendar.deadline({ start: base, n: r.timeLimit.n, unit: r.timeLimit.unit, jurisdiction: j }).endsAt;
    }
    planned.push(entry);
    previousAt = base;
  }
  return planned;
}

function iso(instant: string): string {
  return new Date(instant).toISOString();
}
