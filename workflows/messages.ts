/**
 * The messages the API sends to process workflows and their input types: the only workflow module the API imports.
 * Pure declarations, safe in the workflow sandbox.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LegalBasis } from '../rules/legal-basis';
import type { RulePack } from '../rules/types';

export const workflowTypes = {
  shareRequest: 'shareRequestWorkflow',
  catalogueChange: 'catalogueChangeWorkflow',
  qualityDispute: 'qualityDisputeWorkflow',
  negativeList: 'negativeListWorkflow',
  dataInconsistency: 'dataInconsistencyWorkflow',
} as const;

/** Workflow ids are derived from the request id, so a case has exactly one workflow. */
export function workflowIdFor(process: string, requestId: string): string {
  return `${process}/${requestId}`;
}

/** Who is acting, as authenticated by the API. */
export interface Actor {
  userId: string;
  departmentId: string;
  roles: string[];
}

/** The bodies a case involves, by their part in the statutes. */
export interface Parties {
  requester: string;
  provider: string;
  authority: string;
  government: string;
  upperAuthority: string;
  /**
   * A cross-level share request (Hebei draft art. 21): the requester's own-level authority, which relays the request to
   * the upper-level authority; `authority` is then that upper-level authority, which handles it, and `government` and
   * `upperAuthority` are its own. Absent: a same-level case.
   */
  relayAuthority?: string;
}

/** What every process workflow starts from. */
export interface CaseInput {
  requestId: string;
  /** The rule pack the case was bound to at receipt (it keeps it). */
  pack: string;
  /**
   * The exact version of the pack bound at receipt (`sha256:…`; packs/data.ts) and its data, built-in or published
   * at run time: the workflow runs this data, recorded in its history with this input, so a later version never changes
   * a running case. Absent in cases started before versions were bound: they run the built-in pack of `pack`.
   */
  packHash?: string;
  packData?: RulePack;
  jurisdiction: string;
  /** ISO instant of receipt (for cases before `changedAt` existed, of a catalogue change's change of law or duties). */
  receivedAt: string;
  /**
   * A catalogue change: the start of the day the law or duties changed (Asia/Shanghai), from which its period runs
   * (自变化之日起); its clock starts the next day (Civil Code art. 201, by analogy). Absent: the receipt stands for it.
   */
  changedAt?: string;
  parties: Parties;
  catalogueEntryId: string;
  submittedBy: string;
  /**
   * A data-quality dispute under the Anhui Measures: where the review was applied for (art. 26 para. 2) — through the
   * platform (absent, the default) or to the providing department directly.
   */
  route?: 'platform' | 'direct';
}

export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  decision: string;
  reason?: string;
  /** The instrument a refusal rests on (required where the pack's refusal rule says so; refused elsewhere). */
  legalBasis?: LegalBasis;
  /** What the step produces, e.g. the updated catalogue entry fields of a catalogue change. */
  payload?: Record<string, unknown>;
}

export interface TaskCompletion {
  taskId: string;
  step: string;
  decision: string;
  reason?: string;
  legalBasis?: LegalBasis;
  payload?: Record<string, unknown>;
  completedAt: string;
  completedBy: string;
}

export interface ExtensionRequestInput {
  taskId: string;
  actor: Actor;
  /** Units of the step's period to add, counted from its current last day. */
  n: number;
  reason: string;
}

export interface ExtensionRequested {
  /** The authority's task to grant or refuse it. */
  decisionTaskId: string;
}

/** The reasons a task action is refused before it enters history; the API maps each to an HTTP status. */
export const taskRejections = {
  notFound: 'TaskNotFound',
  notOpen: 'TaskNotOpen',
  wrongActor: 'WrongActor',
  invalidDecision: 'InvalidDecision',
  reasonRequired: 'ReasonRequired',
  /** A refusal without its legal basis, or with one the text does not admit; the failure's details name the field. */
  legalBasisRequired: 'LegalBasisRequired',
  /** A submitted catalogue update the entry cannot take (an unknown field, an emptied required one); details name the field. */
  invalidPayload: 'InvalidPayload',
  extensionNotAllowed: 'ExtensionNotAllowed',
  extensionOverLimit: 'ExtensionOverLimit',
  extensionPending: 'ExtensionPending',
  /** The read model refused the completion's data (SQLSTATE class 22/23): the task stays open; send it again, corrected. */
  inputRefused: 'InputRefused',
  /** The completion could not be recorded after a few attempts (the database away): the task stays open; retry later. */
  notRecorded: 'CompletionNotRecorded',
  /** The period has ended: an extension may be requested only while it runs. */
  extensionTooLate: 'ExtensionTooLate',
} as const;

/** The type of the non-retryable failure an activity raises when Postgres refuses the data it was given. */
export const storeRefusedInput = 'StoreRefusedInput';
export type TaskRejection = (typeof taskRejections)[keyof typeof taskRejections];

export interface OpenTaskView {
  taskId: string;
  step: string;
  assigneeDepartmentId: string;
  assigneeRole: string;
  dueAt: string;
  decisions: string[];
  overdue: boolean;
  /** The escalation rungs of the current round that went out, in order. */
  rungs: string[];
  /** The rungs of the current round passed over instead of sent (a reminder whose deadline had already passed), with why. */
  skippedRungs: { rung: string; at: string; why: { code: string; zh: string; en: string } }[];
}

export interface CaseState {
  requestId: string;
  status: string;
  openTasks: OpenTaskView[];
}

export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskInput]>('completeTask');
export const requestExtensionUpdate = defineUpdate<ExtensionRequested, [ExtensionRequestInput]>('requestExtension');
export const caseStateQuery = defineQuery<CaseState>('caseState');
/** Tells a workflow that the holiday calendar changed, so it recomputes its open due instants. */
export const calendarRepublishedSignal = defineSignal<[{ year: number }]>('calendarRepublished');
