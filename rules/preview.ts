/** The latest-possible timeline of a flow: each step due as if every earlier step used all its time. */
import { nationalCalendar, type Calendar, type Deadline } from '../calendar/index.js';
import type { Citation } from './citation.js';
import { AnchorOrderError } from './errors.js';
import { shanghaiDateOf } from './instant.js';
import { flowSteps } from './lookup.js';
import { optionTerms, type OptionTerms } from './option.js';
import type {
  Actor,
  Bilingual,
  BranchCondition,
  ClockAnchor,
  FlowId,
  Period,
  PeriodBasis,
  Role,
  RulePack,
  StepId,
  StepRule,
} from './types.js';

/** One step of a {@link previewTimeline}. */
export interface PreviewStep {
  stepId: StepId;
  actor: Actor;
  role: Role;
  titleZh: string;
  titleEn: string;
  period: Period;
  periodBasis: PeriodBasis;
  /** The policy explanation, for `policy` periods. */
  policy?: Bilingual;
  immediate?: boolean;
  clockStartsAt: ClockAnchor;
  /** What starts the clock, as the text says it (自收到申请之日起…). */
  trigger: Bilingual;
  /** On a party's option: what happens when its period ends (for a case started now under this pack). */
  option?: OptionTerms;
  /** What the clock was counted from: the receipt instant, or the due date of the step it follows. */
  countedFrom: string;
  /** YYYY-MM-DD, the last day. */
  due: string;
  /** 24:00 of `due` (for an immediate step, the receipt instant). */
  endsAt: string;
  provisional: boolean;
  /** When `provisional`: what the calendar assumed, Chinese then English (see `Deadline.provisionalReason`). */
  provisionalReason?: string;
  /** Number of days inside the period not counted (weekends, holidays). */
  skipped: number;
  /** Where an extension is allowed: the due date if all of it were granted (later steps ignore it). */
  extension?: { max: Period; approvedBy: Actor; due: string; endsAt: string };
  citation: Citation;
  /** Set on branch steps: the condition, counted from the step named in `after`. */
  branch?: BranchCondition;
}

function anchorOf(s: StepRule, previousMain: StepRule | undefined): ClockAnchor {
  if (s.clockStartsAt.at !== 'previous-step') return s.clockStartsAt.at;
  return s.branch?.after ?? previousMain?.id ?? 'receipt';
}

/**
 * The flow's steps with due dates for a case received at `receivedAt` (ISO instant with offset): main path first,
 * then the branch steps, each counted from the due date of the step it follows. A step whose clock starts at the
 * receipt (or change) counts from `receivedAt`; any other from the due date of its anchor step (completing on the
 * last day of that step). Extensions are shown per step but not carried forward.
 */
export function previewTimeline(
  pack: RulePack,
  flow: FlowId | string,
  receivedAt: string,
  calendar: Calendar = nationalCalendar,
): PreviewStep[] {
  shanghaiDateOf(receivedAt);
  const steps = flowSteps(pack, flow);
  const computed = new Map<string, Deadline>();
  let previousMain: StepRule | undefined;
  return steps.map((s) => {
    const anchor = anchorOf(s, previousMain);
    let start = receivedAt;
    if (anchor !== 'receipt' && anchor !== 'change') {
      const d = computed.get(anchor);
      if (!d) throw new AnchorOrderError(s.id, anchor);
      start = d.due;
    }
    const d = calendar.deadline({ start, n: s.period.n, unit: s.period.unit, jurisdiction: pack.jurisdiction });
    computed.set(s.id, d);
    if (!s.branch) previousMain = s;
    const out: PreviewStep = {
      stepId: s.id,
      actor: s.actor,
      role: s.role,
      titleZh: s.titleZh,
      titleEn: s.titleEn,
      period: s.period,
      periodBasis: s.periodBasis,
      clockStartsAt: s.clockStartsAt.at,
      trigger: { zh: s.clockStartsAt.zh, en: s.clockStartsAt.en },
      countedFrom: start,
      due: d.due,
      endsAt: s.immediate ? d.start : d.endsAt,
      provisional: d.provisional,
      skipped: d.skipped.length,
      citation: s.citation,
    };
    if (d.provisionalReason !== undefined) out.provisionalReason = d.provisionalReason;
    if (s.policy) out.policy = s.policy;
    if (s.option) out.option = optionTerms(s.option);
    if (s.immediate) out.immediate = true;
    if (s.extension) {
      const x = calendar.extend(d, s.extension.max.n);
      out.extension = { max: s.extension.max, approvedBy: s.extension.approvedBy, due: x.due, endsAt: x.endsAt };
    }
    if (s.branch) out.branch = s.branch;
    return out;
  });
}
