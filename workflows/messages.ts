/**
 * The messages the API sends to process workflows and their input types: the only workflow module the API imports.
 * Pure declarations, safe in the workflow sandbox.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const workflowTypes = {
  shareRequest: 'shareRequestWorkflow',
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

export interface ShareRequestInput {
  requestId: string;
  jurisdiction: string;
  pack: string;
  sharingAttribute: 'unconditional' | 'conditional';
  catalogueEntryId: string;
  requesterDepartmentId: string;
  providerDepartmentId: string;
  authorityDepartmentId: string;
  /** ISO instant the request was received; its clock starts the next day (Civil Code art. 201). */
  receivedAt: string;
  submittedBy: string;
}

export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  decision: string;
  reason?: string;
}

export interface TaskCompletion {
  taskId: string;
  decision: string;
  completedAt: string;
  completedBy: string;
}

/** The reasons a task action is refused before it enters history; the API maps each to an HTTP status. */
export const taskRejections = {
  notFound: 'TaskNotFound',
  notOpen: 'TaskNotOpen',
  wrongActor: 'WrongActor',
  invalidDecision: 'InvalidDecision',
  reasonRequired: 'ReasonRequired',
} as const;
export type TaskRejection = (typeof taskRejections)[keyof typeof taskRejections];

export interface OpenTaskView {
  taskId: string;
  step: string;
  assigneeDepartmentId: string;
  assigneeRole: string;
  dueAt: string;
  decisions: string[];
  overdue: boolean;
  /** The escalation rungs fired so far. */
  rungs: string[];
}

export interface CaseState {
  requestId: string;
  status: string;
  openTasks: OpenTaskView[];
}

export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskInput]>('completeTask');
export const caseStateQuery = defineQuery<CaseState>('caseState');
/** Tells a workflow that the holiday calendar changed, so it recomputes its open due instants. */
export const calendarRepublishedSignal = defineSignal<[{ year: number }]>('calendarRepublished');
