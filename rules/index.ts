/**
 * Statute rule packs: the steps, periods, decisions and citations of each text, and pure functions over them.
 * No I/O, no clock: safe to import from Temporal workflow code.
 */
export type { Citation } from './citation.js';
export {
  ACTORS,
  DECISIONS,
  FLOW_IDS,
  PACK_IDS,
  PACK_JURISDICTIONS,
  PERIOD_BASES,
  ROLES,
  STEP_IDS,
  type Actor,
  type Bilingual,
  type BranchCondition,
  type ClockAnchor,
  type ClockStart,
  type Decision,
  type EscalationPolicy,
  type LadderMeasure,
  type LadderPolicy,
  type RungBasis,
  type ExtensionRule,
  type FlowId,
  type InForce,
  type PackId,
  type PackJurisdiction,
  type PackPolicy,
  type Period,
  type PeriodBasis,
  type PolicyOverrideMark,
  type PolicyOverrides,
  type PolicyValue,
  type LapseRule,
  type OptionRule,
  type Resumption,
  type ReturnForCompletionPolicy,
  type ReviewProtectionRule,
  type Role,
  type RulePack,
  type StepId,
  type StepRule,
} from './types.js';
export {
  AnchorOrderError,
  InvalidInstantError,
  NoPackInForceError,
  PolicyOverrideError,
  RulesError,
  UnknownDecisionError,
  UnknownFlowError,
  UnknownPackError,
  UnknownStepError,
} from './errors.js';
export { getPack, inForceOn, listPacks, negativeListRefuses, packFor, type PackForOptions, type PackSummary } from './registry.js';
export { flowSteps, mainPath, nextStep, step, type NextStep } from './lookup.js';
export { previewTimeline, type PreviewStep } from './preview.js';
export { EXTENSION_REFUSALS, validateExtension, type ExtensionCheck, type ExtensionRefusal } from './extension.js';
export { applyPolicyOverrides } from './overrides.js';
export {
  escalationSchedule,
  nextWake,
  planLegacyLadder,
  planStepLadder,
  SKIP_REASONS,
  type EscalationSchedule,
  type LadderProgress,
  type PlannedRung,
  type SkippedRung,
  type SkipReason,
  type Wake,
} from './escalation.js';
export { shanghaiDateOf } from './instant.js';
export { articleByAnalogy, citationByAnalogy, clockTrigger, type ClockTrigger } from './resumption.js';
export { legacyOptionTerms, optionLadder, optionTerms, type OptionTerms } from './option.js';
export {
  RUNGS,
  dutyHolderOf,
  ladderFor,
  planLadder,
  type Audience,
  type DutyHolder,
  type LadderRung,
  type PlannedLadderRung,
  type Rung,
} from './ladder.js';
export {
  LEGAL_BASIS_KINDS,
  checkLegalBasis,
  classesRestrictively,
  formatLegalBasis,
  legalBasisKindLabels,
  legalBasisKinds,
  legalBasisRequiredFor,
  type LegalBasis,
  type LegalBasisKind,
  type LegalBasisProblem,
  type RefusalBasisRule,
} from './legal-basis.js';
export { CHANGE_TRIGGERS, changeTriggerLabels, checkChangeTrigger, type ChangeTrigger, type ChangeTriggerRule } from './change-triggers.js';
export {
  LEGAL_TEXTS,
  LEGAL_TEXT_IDS,
  TEXT_RANKS,
  TEXT_RANK_ORDER,
  applicableTexts,
  caseHierarchy,
  governingText,
  isLoaded,
  rankIndex,
  ranksAbove,
  supersededBy,
  textInForceOn,
  textRankLabels,
  type ApplicableText,
  type CaseHierarchy,
  type HierarchyWarning,
  type LegalText,
  type LegalTextId,
  type TextJurisdiction,
  type TextRank,
} from './hierarchy.js';
export {
  crossLevelFlowOf,
  shareRoute,
  type RouteBasis,
  type RoutingAuthority,
  type RoutingBody,
  type ShareRoute,
} from './cross-level.js';
