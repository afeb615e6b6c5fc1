import { and, eq } from 'drizzle-orm';
import type { Deadline } from '../calendar';
import type { Db } from '../db/client';
import type { Citation } from '../rules/citation';
import type { LegalBasis } from '../rules/legal-basis';
import { tasks, type ClockTriggerRecord, type ExtensionRequestRecord, type OptionTermsRecord } from '../db/schema';
import { appendAudit } from '../db/audit';
import { noNotices, noticesOfCompletedTask, noticesOfGrantedExtension, noticesOfOpenedTask, type NoticesWritten } from './notices';

export interface OpenTaskInput {
  taskId: string;
  requestId: string;
  step: string;
  titleZh: string;
  titleEn: string;
  assigneeDepartmentId: string;
  assigneeRole: string;
  dueAt: string;
  deadline: Deadline;
  citation: Citation;
  /** What starts the clock, as the text says it (for a resumed step: the restart, by analogy). */
  trigger?: ClockTriggerRecord;
  /** On a party's option: whether it lapses at the due instant or stays open, and the sentence that says so. */
  option?: OptionTermsRecord;
  decisions: readonly string[];
  reasonRequiredFor: readonly string[];
  createdAt: string;
  /** Set on the authority's task deciding an extension request: the request with its reasons. */
  extensionRequest?: ExtensionRequestRecord;
}

export interface CompleteTaskRecord {
  taskId: string;
  requestId: string;
  actor: { userId: string; departmentId: string };
  decision: string;
  reason?: string;
  legalBasis?: LegalBasis;
  payload?: Record<string, unknown>;
  completedAt: string;
  late: boolean;
  /** A party's option taken as exercised because its period ran out. */
  lapsed?: boolean;
}

export interface RescheduleInput {
  taskId: string;
  requestId: string;
  /** Increases with each change of the task's deadline, so each change is recorded once. */
  revision: number;
  from: Deadline;
  to: Deadline;
  cause: 'calendar-republished' | 'extension-granted';
  at: string;
  /** A grant overtakes the overdue state: the task is no longer overdue nor escalated, its ladder starts again. */
  clearsEscalation?: boolean;
}

export function taskActivities(db: Db) {
  return {
    /**
     * Moves an open task's due instant and records the change with both explanations; a granted extension is told to
     * the department that asked and to the other party, in the same transaction.
     */
    async rescheduleTask(input: RescheduleInput): Promise<NoticesWritten> {
      return db.transaction(async (tx) => {
        await tx
          .update(tasks)
          .set({
            dueAt: new Date(input.to.endsAt),
            deadline: input.to as unknown as Record<string, unknown>,
            ...(input.clearsEscalation ? { overdue: false, rung: null } : {}),
          })
          .where(eq(tasks.id, input.taskId));
        await appendAudit(tx, {
          eventKey: `task.due-changed:${input.taskId}:${input.revision}`,
          at: new Date(input.at),
          action: 'task.due-changed',
          requestId: input.requestId,
          taskId: input.taskId,
          details: {
            cause: input.cause,
            fromDue: input.from.due,
            toDue: input.to.due,
            fromEndsAt: input.from.endsAt,
            toEndsAt: input.to.endsAt,
            provisionalBefore: input.from.provisional,
            provisionalAfter: input.to.provisional,
            ...(input.clearsEscalation ? { escalationCleared: true } : {}),
          },
        });
        if (input.cause !== 'extension-granted') return noNotices;
        return noticesOfGrantedExtension(tx, {
          taskId: input.taskId,
          requestId: input.requestId,
          revision: input.revision,
          fromEndsAt: input.from.endsAt,
          toEndsAt: input.to.endsAt,
          at: input.at,
        });
      });
    },

    /** Opens a task; its department (and, after a decision, the other party) is told at once, in the same transaction. */
    async openTask(input: OpenTaskInput): Promise<NoticesWritten> {
      return db.transaction(async (tx) => {
        await tx
          .insert(tasks)
          .values({
            id: input.taskId,
            requestId: input.requestId,
            step: input.step,
            titleZh: input.titleZh,
            titleEn: input.titleEn,
            assigneeDepartmentId: input.assigneeDepartmentId,
            assigneeRole: input.assigneeRole,
            dueAt: new Date(input.dueAt),
            deadline: input.deadline as unknown as Record<string, unknown>,
            citation: { ...input.citation },
            trigger: input.trigger ? { ...input.trigger } : null,
            option: input.option ? { ...input.option } : null,
            decisions: [...input.decisions],
            reasonRequiredFor: [...input.reasonRequiredFor],
            extensionRequest: input.extensionRequest ? { ...input.extensionRequest } : null,
            createdAt: new Date(input.createdAt),
          })
          .onConflictDoNothing({ target: tasks.id });
        await appendAudit(tx, {
          eventKey: `task.opened:${input.taskId}`,
          at: new Date(input.createdAt),
          action: 'task.opened',
          requestId: input.requestId,
          taskId: input.taskId,
          details: {
            step: input.step,
            assigneeDepartmentId: input.assigneeDepartmentId,
            assigneeRole: input.assigneeRole,
            dueAt: input.dueAt,
            ...(input.extensionRequest ? { extensionRequest: { ...input.extensionRequest } } : {}),
          },
        });
        return noticesOfOpenedTask(tx, input);
      });
    },

    async cancelTask(input: { taskId: string; requestId: string; reason: string; at: string }): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .update(tasks)
          .set({ status: 'cancelled', completedAt: new Date(input.at), reason: input.reason })
          .where(and(eq(tasks.id, input.taskId), eq(tasks.status, 'open')));
        await appendAudit(tx, {
          eventKey: `task.cancelled:${input.taskId}`,
          at: new Date(input.at),
          action: 'task.cancelled',
          requestId: input.requestId,
          taskId: input.taskId,
          details: { reason: input.reason },
        });
      });
    },

    /**
     * Records a decision. One that opens no step of the case (an extension refused, the government's order to correct)
     * is told here, in the same transaction; any other is told when the step it leads to opens or the case closes.
     */
    async completeTask(input: CompleteTaskRecord): Promise<NoticesWritten> {
      return db.transaction(async (tx) => {
        await tx
          .update(tasks)
          .set({
            status: 'completed',
            completedBy: input.actor.userId === 'system' ? null : input.actor.userId,
            completedAt: new Date(input.completedAt),
            decision: input.decision,
            reason: input.reason ?? null,
            legalBasis: input.legalBasis ?? null,
          })
          .where(and(eq(tasks.id, input.taskId), eq(tasks.status, 'open')));
        await appendAudit(tx, {
          eventKey: `task.completed:${input.taskId}`,
          at: new Date(input.completedAt),
          action: 'task.completed',
          actorUserId: input.actor.userId,
          actorDepartmentId: input.actor.departmentId,
          requestId: input.requestId,
          taskId: input.taskId,
          details: {
            decision: input.decision,
            reason: input.reason ?? null,
            ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
            late: input.late,
            ...(input.lapsed ? { lapsed: true } : {}),
            ...(input.payload ? { payload: input.payload } : {}),
          },
        });
        return noticesOfCompletedTask(tx, input);
      });
    },
  };
}
