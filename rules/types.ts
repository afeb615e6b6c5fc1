import type { PeriodUnit } from '../calendar/index.js';
import type { Citation } from './citation.js';
import type { ChangeTriggerRule } from './change-triggers.js';
import type { RefusalBasisRule } from './legal-basis.js';

/** The statutory processes a pack can describe. */
export const FLOW_IDS = {
  unconditionalShare: 'unconditional-share',
  conditionalShare: 'conditional-share',
  catalogueChange: 'catalogue-change',
  qualityDispute: 'quality-dispute',
  negativeList: 'negative-list',
  /**
   * A share request of a districted city's or county's department for data of another level or region of the same
   * province (Hebei draft art. 21): relayed by the requester's own-level authority to the upper-level authority, which
   * then decides it as the same-level flow does.
   */
  crossLevelUnconditionalShare: 'cross-level-unconditional-share',
  crossLevelConditionalShare: 'cross-level-conditional-share',
  /** Anhui art. 26 para. 2, first clause: a review application lodged with the providing department directly. */
  qualityDisputeDirect: 'quality-dispute-direct',
  /** Anhui art. 27: two departments provide inconsistent data of the same category. */
  dataInconsistency: 'data-inconsistency',
} as const;
/** A value of {@link FLOW_IDS}. */
export type FlowId = (typeof FLOW_IDS)[keyof typeof FLOW_IDS];

/** Who carries a step (STATUTES.md, "Actors"). */
export const ACTORS = {
  requester: 'requester',
  provider: 'provider',
  authority: 'authority',
  government: 'government',
  upperAuthority: 'upper-authority',
  /**
   * The requester's own-level authority in a cross-level request (Hebei draft art. 21: 通过本级政务数据主管部门): it
   * relays the request to the upper-level authority, which is then the case's `authority`.
   */
  relayAuthority: 'relay-authority',
} as const;
/** A value of {@link ACTORS}. */
export type Actor = (typeof ACTORS)[keyof typeof ACTORS];

/** The user role that acts for the actor (for `upper-authority`: the authority-reviewer of the upper authority). */
export const ROLES = {
  requester: 'requester',
  provider: 'provider',
  authorityReviewer: 'authority-reviewer',
  governmentApprover: 'government-approver',
} as const;
/** A value of {@link ROLES}. */
export type Role = (typeof ROLES)[keyof typeof ROLES];

/**
 * Where a figure comes from. `law`: the pack's own promulgated text; `draft`: the 2022 Hebei consultation draft
 * (for `hebei-2023`: because the promulgated text is not in our sources; for `hebei-2022-draft`: its own text);
 * `policy`: a local default the law does not give, overridable per jurisdiction.
 */
export const PERIOD_BASES = { law: 'law', draft: 'draft', policy: 'policy' } as const;
/** A value of {@link PERIOD_BASES}. */
export type PeriodBasis = (typeof PERIOD_BASES)[keyof typeof PERIOD_BASES];

/** Stable step ids, shared across packs so that workflows can key on them. */
export const STEP_IDS = {
  directAccess: 'direct-access',
  relayUpward: 'relay-upward',
  provideData: 'provide-data',
  reviewForward: 'review-forward',
  providerReply: 'provider-reply',
  completeRequest: 'complete-request',
  consultation: 'consultation',
  requesterObjection: 'requester-objection',
  providerExplanation: 'provider-explanation',
  coordinateDecide: 'coordinate-decide',
  jointDecision: 'joint-decision',
  submitUpdate: 'submit-update',
  reportUpdate: 'report-update',
  reviewUpdate: 'review-update',
  correctUpdate: 'correct-update',
  forwardDispute: 'forward-dispute',
  verifyAnswer: 'verify-answer',
  requesterResponse: 'requester-response',
  authorityReview: 'authority-review',
  governmentApproval: 'government-approval',
  recordFiling: 'record-filing',
} as const;
/** A value of {@link STEP_IDS}. */
export type StepId = (typeof STEP_IDS)[keyof typeof STEP_IDS];

/** The decisions a task can be completed with. */
export const DECISIONS = {
  provided: 'provided',
  forward: 'forward',
  returnIncomplete: 'return-incomplete',
  agree: 'agree',
  refuse: 'refuse',
  noAgreement: 'no-agreement',
  resubmit: 'resubmit',
  withdraw: 'withdraw',
  object: 'object',
  waive: 'waive',
  explained: 'explained',
  repaired: 'repaired',
  accept: 'accept',
  upholdRefusal: 'uphold-refusal',
  orderProvision: 'order-provision',
  noConsensus: 'no-consensus',
  upholdAnswer: 'uphold-answer',
  orderRepair: 'order-repair',
  submitted: 'submitted',
  updated: 'updated',
  reported: 'reported',
  approve: 'approve',
  return: 'return',
  reject: 'reject',
  filed: 'filed',
  /** Anhui art. 27: the departments reached a consensus by consultation (协商一致). */
  consensus: 'consensus',
  /** Anhui art. 27: the authority, with the competent departments, has coordinated and settled the matter (协调处理). */
  coordinated: 'coordinated',
} as const;
/** A value of {@link DECISIONS}. */
export type Decision = (typeof DECISIONS)[keyof typeof DECISIONS];

/** A length of time in the statute's unit. */
export interface Period {
  readonly n: number;
  readonly unit: PeriodUnit;
}

/** Bilingual text. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * What starts a step's clock: the case's triggering event (`receipt` of the request / application, or the `change`
 * of law or duties), the step before it (`previous-step`: the previous main-path step, or for a branch step the step
 * it branches from), or the completion of a named earlier step. The day of the event is not counted (Civil Code
 * art. 201).
 */
export type ClockAnchor = 'receipt' | 'change' | 'previous-step' | StepId;

/** {@link ClockAnchor} with its description. */
export interface ClockStart extends Bilingual {
  readonly at: ClockAnchor;
}

/** An extension of a step's period the text allows. */
export interface ExtensionRule {
  /** The most that may be added in total. */
  readonly max: Period;
  /** Who must consent. */
  readonly approvedBy: Actor;
  readonly basis: PeriodBasis;
  readonly citation: Citation;
}

/** Why a branch step is reached: `after` ended with one of `on`. */
export interface BranchCondition extends Bilingual {
  readonly after: StepId;
  readonly on: readonly Decision[];
}

/** A branch step that, on one of `on`, returns the case to `stepId` with that step's clock restarted. */
export interface Resumption extends Bilingual {
  readonly stepId: StepId;
  readonly on: readonly Decision[];
}

/**
 * One step of a flow: who acts, in what time, with which decisions, on what authority.
 *
 * Routing: a decision in `endsOn` closes the case; else a branch step whose `branch` matches is next; else
 * `resumes`; else (main path) the next main-path step. See {@link nextStep}.
 */
export interface StepRule {
  readonly id: StepId;
  readonly actor: Actor;
  /**
   * Who bears the duty the escalation ladder chases, when that is not `actor`: the negative list is filed *by* the
   * same-level authority (draft art. 15: 报上一级政务数据主管部门备案) while the upper-level authority records it.
   */
  readonly dutyOf?: Actor;
  readonly role: Role;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly clockStartsAt: ClockStart;
  /** For `immediate` steps `{ n: 0 }`. */
  readonly period: Period;
  readonly periodBasis: PeriodBasis;
  /** Set when `periodBasis` is `policy`: why this default, in both languages. */
  readonly policy?: Bilingual;
  /** True for a step the platform performs at once (Anhui direct access); it has no task and no deadline. */
  readonly immediate?: boolean;
  readonly extension?: ExtensionRule;
  readonly decisions: readonly Decision[];
  /** Decisions that must come with written reasons. */
  readonly reasonRequiredFor: readonly Decision[];
  /** Decisions that close the case. */
  readonly endsOn?: readonly Decision[];
  /** Absent on the main path. */
  readonly branch?: BranchCondition;
  readonly resumes?: Resumption;
  /**
   * Set on a party's option rather than a duty (to complete a returned request, to object to a refusal, to answer a
   * verification): the party may take it, nothing obliges it to, so it is never escalated as a breach. Its period is a
   * reminder point unless `option.lapse.applies` (see {@link OptionRule}).
   */
  readonly option?: OptionRule;
  readonly citation: Citation;
  /** Set by {@link applyPolicyOverrides} when a jurisdiction replaced the policy period. */
  readonly overridden?: PolicyOverrideMark<Period>;
}

/**
 * A party's option. None of our texts sets a time limit on one, so by default it stays open until the party chooses
 * (the case stays open meanwhile): the step's period is when the party is reminded, and passing it is no breach.
 */
export interface OptionRule {
  /** What the pack's own text says of the option's time, and that it stays open until the party chooses. */
  readonly open: Bilingual;
  /** Taking the option as exercised one way when its period ends (逾期视为…), and on what authority. */
  readonly lapse: LapseRule;
}

/**
 * An option's lapse: when the step's period ends, the step is taken as completed with `decision`. `basis: 'law'`
 * only where the text itself sets both the period and this consequence (`citation` names the article; `applies` is
 * then true). Otherwise it is a local policy and `applies` is `false` unless a jurisdiction turns it on with
 * {@link applyPolicyOverrides} (`lapses`), when it is shown as local policy, never as law.
 */
export interface LapseRule extends Bilingual {
  readonly decision: Decision;
  readonly applies: boolean;
  readonly basis: PeriodBasis;
  readonly citation: Citation;
  /** Set by {@link applyPolicyOverrides} when a jurisdiction changed `applies`. */
  readonly overridden?: PolicyOverrideMark<boolean>;
}

/** Records that a jurisdiction replaced a policy default. */
export interface PolicyOverrideMark<T> {
  /** The pack's default that was replaced. */
  readonly default: T;
  /** {@link PolicyOverrides.label}, when given. */
  readonly label?: string;
}

/** A local-policy value with its explanation. */
export interface PolicyValue<T> extends Bilingual {
  readonly value: T;
  readonly basis: 'policy';
  /** The articles the policy implements. */
  readonly citation: Citation;
  /** Set by {@link applyPolicyOverrides} when a jurisdiction replaced the value. */
  readonly overridden?: PolicyOverrideMark<T>;
}

/**
 * The escalation ladder of a duty step (rungs as in `db/schema/escalations.ts`): a reminder `reminderBefore` the due
 * instant; `overdue` at the due instant; a rectification notice (限期整改) `rectificationGrace` after the due date,
 * with its own time limit `rectificationTimeLimit`; a report to the people's government when that limit passes.
 */
export interface EscalationPolicy {
  readonly reminderBefore: PolicyValue<Period>;
  readonly overdue: Bilingual & { readonly citation: Citation };
  readonly rectificationGrace: PolicyValue<Period>;
  readonly rectificationTimeLimit: PolicyValue<Period>;
  readonly governmentReport: Bilingual & { readonly citation: Citation };
  /**
   * Which measures the text gives, against whom, and how the ladder of each step is built from them (see
   * `ladderFor`). Absent in packs bound before it existed: their cases keep the four-rung ladder above.
   */
  readonly ladder?: LadderPolicy;
}

/** Where a rung comes from: the pack's text (`law`), the 2022 draft (`draft`), or a local default (`policy`). */
export type RungBasis = PeriodBasis;

/** One measure of the supervision ladder, as the text gives it. */
export interface LadderMeasure extends Bilingual {
  readonly basis: RungBasis;
  readonly citation: Citation;
}

/**
 * The supervision measures a text gives the authority against *departments* (Anhui art. 43; Hebei draft art. 39,
 * 41; Hebei 2016 art. 21, 22), and the internal oversight of the authority's own steps. The government and the
 * upper-level authority are not the authority's to chase: their steps get the reminder and the overdue notice only.
 */
export interface LadderPolicy {
  /**
   * Local policy: whether a department's step whose period is itself local policy gets the measures too. Default
   * `false`: missing a period the law never set is not a breach, so such a step gets the reminder and the overdue
   * notice only.
   */
  readonly superviseLocalPolicyPeriods: PolicyValue<boolean>;
  /** 限期整改 / 督促整改: the authority's notice to rectify, with `rectificationTimeLimit`. */
  readonly rectification: LadderMeasure;
  /** 通报批评, where the text provides it, once the rectification time limit has passed. */
  readonly circularCriticism?: LadderMeasure & {
    /** Why not rectifying in time is taken as the case the text names (e.g. 情节严重), when it is a reading. */
    readonly trigger?: Bilingual & { readonly basis: RungBasis };
  };
  /** What follows the unheeded notice: a report to the government (Anhui 43, draft 41) or an order by the competent body (2016 art. 22). */
  readonly referral: LadderMeasure & {
    /** `government`: reported to the people's government at the same level; `competent-authority`: the authority orders correction itself. */
    readonly to: 'government' | 'competent-authority';
  };
  /** The government's own order to correct within a time limit (Anhui art. 43), as a task for the government. */
  readonly governmentOrder?: LadderMeasure & { readonly period: PolicyValue<Period> };
  /**
   * The authority's own steps: internal oversight. The overdue notice goes to the authority's supervisor; `grace`
   * after it, the case is reported to the people's government as the body the authority answers to. Local policy.
   */
  readonly internalOversight: Bilingual & { readonly grace: PolicyValue<Period>; readonly citation: Citation };
}

/** Return of an incomplete share request for completion. */
export interface ReturnForCompletionPolicy {
  /** How many times the authority may return one request. */
  readonly maxReturns: PolicyValue<number>;
  /** The clock of the resumed step runs from the completed request's receipt. */
  readonly clockRestart: Bilingual;
}

/** The pack-wide local policies (per-step policy periods live in the steps). */
export interface PackPolicy {
  readonly escalation: EscalationPolicy;
  readonly returnForCompletion: ReturnForCompletionPolicy;
  /** How long the approving body has to decide an extension request (local policy: the texts give no figure). */
  readonly extensionDecision?: PolicyValue<Period>;
}

/** Jurisdictions with packs. */
export const PACK_JURISDICTIONS = { hebei: 'hebei', anhui: 'anhui' } as const;
/** A value of {@link PACK_JURISDICTIONS}. */
export type PackJurisdiction = (typeof PACK_JURISDICTIONS)[keyof typeof PACK_JURISDICTIONS];

/** The pack ids. */
export const PACK_IDS = {
  hebei2023: 'hebei-2023',
  hebei2016: 'hebei-2016',
  anhui2021: 'anhui-2021',
  hebei2022Draft: 'hebei-2022-draft',
} as const;
/** A value of {@link PACK_IDS}. */
export type PackId = (typeof PACK_IDS)[keyof typeof PACK_IDS];

/** Dates (Asia/Shanghai, inclusive) a text is in force. */
export interface InForce {
  /** YYYY-MM-DD */
  readonly from: string;
  /** YYYY-MM-DD, last day in force; absent while in force. */
  readonly to?: string;
}

/** Overrides of local-policy values (never of law or draft figures); see {@link applyPolicyOverrides}. */
export interface PolicyOverrides {
  /** Who set them, e.g. `shijiazhuang 2025 rules`; recorded on the pack. */
  readonly label?: string;
  readonly escalation?: {
    readonly reminderBefore?: Period;
    readonly rectificationGrace?: Period;
    readonly rectificationTimeLimit?: Period;
    readonly superviseLocalPolicyPeriods?: boolean;
    readonly internalOversightGrace?: Period;
    readonly governmentOrderPeriod?: Period;
  };
  readonly extensionDecision?: Period;
  readonly returnForCompletion?: { readonly maxReturns?: number };
  /** Policy-basis step periods, by flow and step. */
  readonly periods?: { readonly [F in FlowId]?: { readonly [S in StepId]?: Period } };
  /**
   * Whether a party's option lapses when its period ends (local policy, off by default), by flow and step; only for
   * steps with an `option` whose lapse is not law.
   */
  readonly lapses?: { readonly [F in FlowId]?: { readonly [S in StepId]?: boolean } };
}

/** One versioned statute text as rules. Pure data: safe to pass into and out of workflows. */
export interface RulePack {
  readonly id: PackId;
  /** Semver of the pack data; bump when a figure, step or citation changes. */
  readonly version: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly jurisdiction: PackJurisdiction;
  /** `null` for a text never in force (the 2022 draft). */
  readonly inForce: InForce | null;
  /** False for texts selectable only explicitly (the draft); {@link packFor} never binds them. */
  readonly bindable: boolean;
  /** What our sources hold of the text, and their limits. */
  readonly sources: Bilingual;
  /** The flows the text provides for, each an ordered list: main path first, then branch steps. */
  readonly flows: { readonly [F in FlowId]?: readonly StepRule[] };
  readonly policy: PackPolicy;
  /** What a refusal (and, where the text says so, a restrictive classing) must rest on. */
  readonly refusalBasis: RefusalBasisRule;
  /** The causes of a catalogue change the text names (its period runs from the day of the change). */
  readonly changeTriggers: ChangeTriggerRule;
  /**
   * While a data review is pending, a service applicant who has shown valid proof must not be refused on the ground
   * of the disputed data (Anhui art. 26 para. 3): the text each handler of the case is shown with the flag. Absent
   * where the pack's text has no such rule.
   */
  readonly reviewProtection?: ReviewProtectionRule;
  /** Present when {@link applyPolicyOverrides} produced this pack. */
  readonly appliedOverrides?: PolicyOverrides;
}

/** A rule protecting a service applicant while the data it relies on is under review (Anhui art. 26 para. 3). */
export interface ReviewProtectionRule extends Bilingual {
  /** The case statuses during which the review is pending (the flag may be recorded then only). */
  readonly pendingStatuses: readonly string[];
  readonly citation: Citation;
}
