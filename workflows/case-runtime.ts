import {
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { LadderPolicy, PlannedRung } from '../activities/ladder';
import type { Deadline, DeadlineQuery, PeriodUnit } from '../calendar';
import type { Citation } from '../rules/citation';
import {
  calendarRepublishedSignal,
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
  ladder: LadderPolicy;
}

interface TrackedTask {
  spec: StepSpec;
  taskId: string;
  query: DeadlineQuery;
  extensions: number[];
  deadline: Deadline;
  /** Bumped whenever the deadline changes, so the watch re-plans its ladder. */
  revision: number;
  recompute: boolean;
  fired: Set<string>;
  state: 'open' | 'completing' | 'done';
  completion?: TaskCompletion;
}

export interface CaseIdentity {
  requestId: string;
  jurisdiction: string;
  authorityDepartmentId: string;
}

/**
 * The mechanics every process shares: tasks with computed deadlines, completion through validated updates, the
 * escalation ladder that fires by itself, and recomputation when the calendar is republished. One per workflow run.
 */
export class CaseRuntime {
  private readonly tasks = new Map<string, TrackedTask>();
  private readonly attempts = new Map<string, number>();
  private status = 'received';

  constructor(private readonly identity: CaseIdentity) {
    setHandler(caseStateQuery, () => this.state());
    setHandler(completeTaskUpdate, (input) => this.complete(input), { validator: (input) => this.validate(input) });
    setHandler(calendarRepublishedSignal, () => {
      for (const task of this.openTasks()) {
        task.recompute = true;
        task.revision += 1;
      }
    });
  }

  async setStatus(status: string, extra: { outcome?: string; closed?: boolean } = {}): Promise<void> {
    this.status = status;
    await acts.setRequestStatus({ requestId: this.identity.requestId, status, at: nowIso(), ...extra });
    upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
  }

  /** Opens the step's task, escalates it as its deadline passes, and returns once the right actor completes it. */
  async humanStep(spec: StepSpec): Promise<TaskCompletion> {
    const attempt = (this.attempts.get(spec.step) ?? 0) + 1;
    this.attempts.set(spec.step, attempt);
    const taskId = `${this.identity.requestId}/${spec.step}/${attempt}`;
    const query: DeadlineQuery = {
      start: spec.clockStartsAt,
      n: spec.period.n,
      unit: spec.period.unit,
      jurisdiction: this.identity.jurisdiction,
    };
    const deadline = await acts.computeDeadline(query);
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
    const task: TrackedTask = { spec, taskId, query, extensions: [], deadline, revision: 0, recompute: false, fired: new Set(), state: 'open' };
    this.tasks.set(taskId, task);
    this.publishDue(task);
    await this.watch(task);
    return task.completion!;
  }

  /** Adds `n` units to an open task's deadline, counted from its current last day, and records the change. */
  async extend(taskId: string, n: number): Promise<Deadline> {
    const task = this.tasks.get(taskId);
    if (!task || task.state !== 'open') throw ApplicationFailure.nonRetryable(`Task ${taskId} is not open`, taskRejections.notOpen);
    const extended = await acts.extendDeadline({ deadline: task.deadline, n });
    task.extensions.push(n);
    await this.moveDeadline(task, extended, 'extension-granted');
    return extended;
  }

  private async watch(task: TrackedTask): Promise<void> {
    let plannedFor = -1;
    let ladder: PlannedRung[] = [];
    while (task.state === 'open') {
      if (task.recompute) {
        task.recompute = false;
        const recomputed = await acts.recomputeDeadline({ query: task.query, extensions: task.extensions });
        if (recomputed.endsAt !== task.deadline.endsAt || recomputed.provisional !== task.deadline.provisional) {
          await this.moveDeadline(task, recomputed, 'calendar-republished');
        }
      }
      if (plannedFor !== task.revision) {
        plannedFor = task.revision;
        ladder = await acts.planEscalations({ deadline: task.deadline, policy: task.spec.ladder });
      }
      const next = this.nextRung(task, ladder);
      const revision = task.revision;
      const interrupted = () => task.state !== 'open' || task.revision !== revision || task.recompute;
      if (!next) {
        await condition(interrupted);
        continue;
      }
      const waitMs = Date.parse(next.at) - Date.now();
      if (waitMs > 0 && (await condition(interrupted, waitMs))) continue;
      task.fired.add(next.rung);
      log.info('escalation', { taskId: task.taskId, rung: next.rung, at: next.at });
      await acts.recordEscalation({
        taskId: task.taskId,
        requestId: this.identity.requestId,
        rung: next,
        firedAt: nowIso(),
        responsibleDepartmentId: task.spec.assignee.departmentId,
        responsibleRole: task.spec.assignee.role,
        authorityDepartmentId: this.identity.authorityDepartmentId,
        citation: task.spec.citation,
      });
    }
    await condition(() => task.state === 'done');
  }

  /** The next rung to fire; a reminder whose deadline has already passed is skipped, not sent late. */
  private nextRung(task: TrackedTask, ladder: PlannedRung[]): PlannedRung | undefined {
    for (const rung of ladder) {
      if (task.fired.has(rung.rung)) continue;
      if (rung.rung === 'reminder' && Date.parse(task.deadline.endsAt) <= Date.now()) {
        task.fired.add(rung.rung);
        continue;
      }
      return rung;
    }
    return undefined;
  }

  private async moveDeadline(task: TrackedTask, to: Deadline, cause: 'calendar-republished' | 'extension-granted'): Promise<void> {
    const from = task.deadline;
    task.deadline = to;
    task.revision += 1;
    await acts.rescheduleTask({
      taskId: task.taskId,
      requestId: this.identity.requestId,
      revision: task.revision,
      from,
      to,
      cause,
      at: nowIso(),
    });
    this.publishDue(task);
  }

  private publishDue(task: TrackedTask): void {
    upsertSearchAttributes([
      { key: searchAttributes.step, value: task.spec.step },
      { key: searchAttributes.dueAt, value: new Date(task.deadline.endsAt) },
    ]);
  }

  private openTasks(): TrackedTask[] {
    return [...this.tasks.values()].filter((t) => t.state === 'open');
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
    const late = Date.parse(completedAt) > Date.parse(task.deadline.endsAt);
    await acts.completeTask({
      taskId: task.taskId,
      requestId: this.identity.requestId,
      actor: input.actor,
      decision: input.decision,
      reason: input.reason,
      completedAt,
      late,
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
          overdue: t.fired.has('overdue'),
          rungs: [...t.fired],
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
