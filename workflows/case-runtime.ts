import {
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { Deadline, PeriodUnit } from '../calendar';
import type { Citation } from '../rules/citation';
import {
  caseStateQuery,
  completeTaskUpdate,
  taskRejections,
  type CaseState,
  type CompleteTaskInput,
  type TaskCompletion,
} from './messages';
import { searchAttributes } from './search-attributes';

type Activities = ReturnType<typeof createActivities>;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});


/** A human step: a task for a department and role, due a period after its clock starts. */
export interface StepSpec {
  step: string;
  titleZh: string;
  titleEn: string;
  assignee: { departmentId: string; role: string };
  period: { n: number; unit: PeriodUnit };
  clockStartsAt: string;
  decisions: string[];
  reasonRequiredFor?: string[];
  citation: Citation;
}

interface TrackedTask {
  spec: StepSpec;
  taskId: string;
  deadline: Deadline;
  state: 'open' | 'completing' | 'done';
  overdue: boolean;
  completion?: TaskCompletion;
}

export interface CaseIdentity {
  requestId: string;
  jurisdiction: string;
  authorityDepartmentId: string;
}

/**
 * The mechanics every process shares: tasks with computed deadlines, completion through validated updates, and the
 * escalation that fires by itself at the due instant. One instance per workflow run.
 */
export class CaseRuntime {
  private readonly tasks = new Map<string, TrackedTask>();
  private readonly attempts = new Map<string, number>();
  private status = 'received';

  constructor(private readonly identity: CaseIdentity) {
    setHandler(caseStateQuery, () => this.state());
    setHandler(completeTaskUpdate, (input) => this.complete(input), { validator: (input) => this.validate(input) });
  }

  async setStatus(status: string, extra: { outcome?: string; closed?: boolean } = {}): Promise<void> {
    this.status = status;
    await acts.setRequestStatus({ requestId: this.identity.requestId, status, at: nowIso(), ...extra });
    upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
  }

  /** Opens the step's task, escalates it when its deadline passes, and returns once the right actor completes it. */
  async humanStep(spec: StepSpec): Promise<TaskCompletion> {
    const attempt = (this.attempts.get(spec.step) ?? 0) + 1;
    this.attempts.set(spec.step, attempt);
    const taskId = `${this.identity.requestId}/${spec.step}/${attempt}`;
    const deadline = await acts.computeDeadline({
      start: spec.clockStartsAt,
      n: spec.period.n,
      unit: spec.period.unit,
      jurisdiction: this.identity.jurisdiction,
    });
    await acts.openTask({
      taskId,
      requestId: this.identity.requestId,
      step: spec.step,
      titleZh: spec.titleZh,
      titleEn: spec.titleEn,
      assigneeDepartmentId: spec.assignee.departmentId,
      assigneeRole: spec.assignee.role,
      dueAt: deadline.endsAt,
      deadline,
      citation: spec.citation,
      createdAt: nowIso(),
    });
    const task: TrackedTask = { spec, taskId, deadline, state: 'open', overdue: false };
    this.tasks.set(taskId, task);
    upsertSearchAttributes([
      { key: searchAttributes.step, value: spec.step },
      { key: searchAttributes.dueAt, value: new Date(deadline.endsAt) },
    ]);

    const dueAt = Date.parse(deadline.endsAt);
    const completedInTime = await condition(() => task.state === 'done', Math.max(dueAt - Date.now(), 0));
    if (!completedInTime) {
      task.overdue = true;
      log.info('task overdue', { taskId, dueAt: deadline.endsAt });
      await acts.recordEscalation({
        taskId,
        requestId: this.identity.requestId,
        rung: 'overdue',
        scheduledAt: deadline.endsAt,
        firedAt: nowIso(),
        responsibleDepartmentId: spec.assignee.departmentId,
        responsibleRole: spec.assignee.role,
        authorityDepartmentId: this.identity.authorityDepartmentId,
        citation: spec.citation,
      });
      await condition(() => task.state === 'done');
    }
    return task.completion!;
  }

  private validate(input: CompleteTaskInput): void {
    const task = this.tasks.get(input.taskId);
    if (!task) throw rejection(taskRejections.notFound, `No task ${input.taskId} in this case`);
    if (task.state !== 'open') throw rejection(taskRejections.notOpen, `Task ${input.taskId} is already ${task.state}`);
    const { departmentId, role } = task.spec.assignee;
    if (input.actor.departmentId !== departmentId || !input.actor.roles.includes(role)) {
      throw rejection(taskRejections.wrongActor, `Only ${role} of ${departmentId} may complete this task`);
    }
    if (!task.spec.decisions.includes(input.decision)) {
      throw rejection(
        taskRejections.invalidDecision,
        `Decision "${input.decision}" is not one of: ${task.spec.decisions.join(', ')}`,
      );
    }
    if (task.spec.reasonRequiredFor?.includes(input.decision) && !input.reason?.trim()) {
      throw rejection(taskRejections.reasonRequired, `Decision "${input.decision}" requires reasons`);
    }
  }

  private async complete(input: CompleteTaskInput): Promise<TaskCompletion> {
    const task = this.tasks.get(input.taskId)!;
    task.state = 'completing';
    const completedAt = nowIso();
    await acts.completeTask({
      taskId: task.taskId,
      requestId: this.identity.requestId,
      actor: input.actor,
      decision: input.decision,
      reason: input.reason,
      completedAt,
      late: task.overdue,
    });
    task.completion = { taskId: task.taskId, decision: input.decision, completedAt, completedBy: input.actor.userId };
    task.state = 'done';
    return task.completion;
  }

  private state(): CaseState {
    return {
      requestId: this.identity.requestId,
      status: this.status,
      openTasks: [...this.tasks.values()]
        .filter((t) => t.state !== 'done')
        .map((t) => ({
          taskId: t.taskId,
          step: t.spec.step,
          assigneeDepartmentId: t.spec.assignee.departmentId,
          assigneeRole: t.spec.assignee.role,
          dueAt: t.deadline.endsAt,
          decisions: t.spec.decisions,
          overdue: t.overdue,
        })),
    };
  }
}

function rejection(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

function nowIso(): string {
  return new Date().toISOString();
}
