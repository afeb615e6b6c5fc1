import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { NoticesWritten } from '../activities/notices';
import type { Deadline, DeadlineQuery } from '../calendar';
import {
  citationByAnalogy,
  clockTrigger,
  dutyHolderOf,
  ladderFor,
  legacyOptionTerms,
  nextWake,
  optionLadder,
  optionTerms,
  validateExtension,
  type ClockTrigger,
  type EscalationPolicy,
  type FlowId,
  type LadderRung,
  type OptionTerms,
  type Period,
  type PlannedRung,
  type Resumption,
  type Rung,
  type RulePack,
  type SkippedRung,
  type StepRule,
} from '../rules';
import type { Citation } from '../rules/citation';
import {
  calendarRepublishedSignal,
  caseStateQuery,
  completeTaskUpdate,
  requestExtensionUpdate,
  storeRefusedInput,
  taskRejections,
  type CaseState,
  type CompleteTaskInput,
  type ExtensionRequestInput,
  type ExtensionRequested,
  type Parties,
  type TaskCompletion,
} from './messages';
import { readModel, readModelForUpdates } from './read-model';
import { hasWrittenText } from '../rules/written-text';
import { checkLegalBasis } from '../rules/legal-basis';
import { CATALOGUE_SUBMISSION_STEPS, catalogueUpdateProblem } from '../rules/catalogue-update';
import { searchAttributes } from './search-attributes';
import { byRule } from './failures';

type Activities = ReturnType<typeof createActivities>;

/** Webhook receivers may be down for a while; Temporal retries with backoff, then gives up (logged). */
const webhookActs = proxyActivities<Pick<Activities, 'deliverWebhooks'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

/** Local policy, for packs without `policy.extensionDecision`: how long the authority has to decide an extension request. */
const defaultExtensionDecisionPeriod: Period = { n: 2, unit: 'working-days' };

/**
 * Cases started since the legal ladder: each step's rungs as the text allows (rules/ladder.ts), each later rung counted
 * from the previous one's actual firing, the ladder paused while a timely extension request awaits its decision, and
 * the government's order to correct as a task of its own. Older cases keep the four-rung ladder
 * (tests/histories/before-ladder/).
 */
const LEGAL_LADDER = 'legal-ladder';

/**
 * Hand-offs are told at once: a new task to its department, a decision to the case's parties, an extension decided,
 * the case closed. The read-model write that records the hand-off writes its notices in the same transaction (no
 * command of its own); delivering them to a listening department's webhook is an activity, scheduled, like an
 * escalation's, only when someone listens. Cases started before it scheduled none (tests/histories/before-handoff-notices/).
 */
const HANDOFF_NOTICES = 'handoff-notices';

/**
 * Cases started since a party's option (completing a returned request, objecting, answering a verification) stays
 * open: none of our texts lets one lapse, so at the end of its local-policy period the party is reminded and the
 * option stays open until the party chooses; it lapses only where the pack's `lapse.applies` (law, or local policy a
 * jurisdiction turned on). Older cases keep lapsing as their local policy had it (tests/histories/before-open-options/).
 */
const OPTIONS_STAY_OPEN = 'options-stay-open';

/**
 * Cases that end while an extension's sub-flow is still at work (a grant moving the deadline of a step completed at the
 * same moment) wait for it before they close. The patch is asked only then, so no other history carries its marker;
 * cases started before it closed without waiting.
 */
const TRACKED_EXTENSIONS = 'tracked-extensions';

/**
 * A status change is recorded once however often its workflow task runs: its audit row is keyed on the case's count of
 * status changes (deterministic, rebuilt by replay), not on the workflow's clock. Before, a worker that died after the
 * local activity's write committed but before its workflow task completed left the task to run again later on another
 * worker, at a later instant, so the same change was appended a second time (docs/RELIABILITY.md). Asked at every
 * change, so a case running at the deploy keys its later changes this way too; the two key forms never meet.
 */
const STATUS_CHANGE_ONCE = 'status-change-once';

/** What a task needs, whether it comes from a statute step or is the authority's decision on an extension. */
interface TaskSpec {
  step: string;
  titleZh: string;
  titleEn: string;
  assignee: { departmentId: string; role: string };
  period: Period;
  clockStartsAt: string;
  decisions: readonly string[];
  reasonRequiredFor: readonly string[];
  citation: Citation;
  /** What starts the clock, as the text says it; for a resumed step, the restart, by analogy. */
  trigger?: ClockTrigger;
  /** Null for a party's option in cases started before options stayed open (it lapses instead). */
  escalation: EscalationPolicy | null;
  /** The rungs the text allows for this step (cases since the legal ladder); absent: the four-rung ladder. */
  ladder?: LadderRung[];
  /** Stored on the deciding task: the extension request it decides. */
  extensionRequest?: { taskId: string; n: number; unit: string; reason: string; requestedBy: string; requestedAt: string };
  /** The decision a party's option is taken as when its period ends; absent: it does not lapse. */
  onLapse?: string;
  /** For a party's option: what happens when its period ends, as the task states it. */
  option?: OptionTerms;
  rule?: StepRule;
}

interface TrackedTask {
  spec: TaskSpec;
  taskId: string;
  query: DeadlineQuery;
  extensions: number[];
  deadline: Deadline;
  /** Bumped whenever the deadline changes, so the watch re-plans its ladder. */
  revision: number;
  recompute: boolean;
  /** When each rung of the current round actually went out (the next rung counts from it). */
  firedAt: Partial<Record<Rung, string>>;
  /** The rungs of the current round passed over instead of sent (a reminder after its deadline), with why. */
  skipped: SkippedRung[];
  /** Bumped when a grant starts the ladder again; its rungs then get new ids. */
  ladderRound: number;
  /** The government's order-to-correct task this step's report opened, cancelled if the step is done first. */
  sideTasks: TrackedTask[];
  state: 'open' | 'completing' | 'done';
  /** Its row is in the read model (queries show only such tasks; updates accept it from the start). */
  recorded: boolean;
  pendingExtension?: TrackedTask;
  completion?: TaskCompletion;
}

export interface CaseIdentity {
  requestId: string;
  jurisdiction: string;
  pack: RulePack;
  parties: Parties;
}

/**
 * The mechanics every process shares: tasks with computed deadlines, completion through validated updates, extension
 * requests and their approval, the escalation ladder that fires by itself, and recomputation when the calendar is
 * republished. One per workflow run.
 */
export class CaseRuntime {
  private readonly tasks = new Map<string, TrackedTask>();
  private readonly attempts = new Map<string, number>();
  private readonly deliveries: Promise<unknown>[] = [];
  /** Each extension request's sub-flow (its decision task, then on a grant the moved deadline), awaited by {@link finish}. */
  private readonly extensionFlows: { promise: Promise<void>; settled: boolean }[] = [];
  private status = 'received';
  /** The status changes made so far in this run, the one being made included (its audit row's key, {@link setStatus}). */
  private statusChanges = 0;
  /** Known once the case is routed (a share request's flow depends on its entry's sharing attribute). */
  private flow: FlowId | undefined;
  private readonly legalLadder: boolean;
  private readonly optionsStayOpen: boolean;

  constructor(private readonly identity: CaseIdentity) {
    this.legalLadder = patched(LEGAL_LADDER) && !!identity.pack.policy.escalation.ladder;
    // Decided once, at the start: a case keeps the behaviour it began with for all of its options.
    this.optionsStayOpen = patched(OPTIONS_STAY_OPEN);
    setHandler(caseStateQuery, () => this.state());
    setHandler(completeTaskUpdate, (input) => this.complete(input), { validator: (input) => this.validateCompletion(input) });
    setHandler(requestExtensionUpdate, (input) => this.requestExtension(input), {
      validator: (input) => this.validateExtensionRequest(input),
    });
    setHandler(calendarRepublishedSignal, () => {
      for (const task of this.tasks.values()) {
        if (task.state !== 'open') continue;
        task.recompute = true;
        task.revision += 1;
      }
    });
  }

  /** Waits for what the case still has in flight (webhook deliveries, update handlers) before it closes. */
  async finish(): Promise<void> {
    const unsettled = this.extensionFlows.filter((f) => !f.settled);
    if (unsettled.length > 0 && patched(TRACKED_EXTENSIONS)) await Promise.all(unsettled.map((f) => f.promise));
    await Promise.all(this.deliveries);
    await condition(allHandlersFinished);
  }

  useFlow(flow: FlowId): void {
    this.flow = flow;
  }

  async setStatus(status: string, extra: { outcome?: string; closed?: boolean; details?: Record<string, unknown> } = {}): Promise<void> {
    this.status = status;
    this.statusChanges += 1;
    const once = patched(STATUS_CHANGE_ONCE) ? { changeNo: this.statusChanges } : {};
    const written = await readModel().setRequestStatus({ requestId: this.identity.requestId, status, at: nowIso(), ...once, ...extra });
    // Only a closing case tells its parties anything.
    if (extra.closed) this.deliverNotices(written);
    upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
  }

  /**
   * Sends the notices a read-model write produced to the webhooks of the departments they are for (cases since
   * {@link HANDOFF_NOTICES}); a write of an older build returned nothing, and nothing is scheduled for it.
   */
  private deliverNotices(written: NoticesWritten | void): void {
    if (!patched(HANDOFF_NOTICES) || !written?.webhooks) return;
    const { notificationIds } = written;
    this.deliveries.push(
      webhookActs
        .deliverWebhooks({ notificationIds })
        .catch((error: unknown) => log.warn('webhook delivery gave up', { notificationIds, error: String(error) })),
    );
  }

  /**
   * Runs one statute step: opens its task for the party that acts, escalates it as its deadline passes (a party's
   * option: reminds, and lapses only where the pack says so), and returns once the right actor completes it. A step
   * resumed after a return or decision (`resumedBy`) cites its article by analogy.
   */
  async humanStep(rule: StepRule, opts: { clockStartsAt: string; decisions?: readonly string[]; resumedBy?: Resumption }): Promise<TaskCompletion> {
    const citation = opts.resumedBy ? citationByAnalogy(rule, opts.resumedBy) : rule.citation;
    const task = await this.open({
      step: rule.id,
      titleZh: rule.titleZh,
      titleEn: rule.titleEn,
      assignee: { departmentId: this.partyOf(rule.actor), role: rule.role },
      period: rule.period,
      clockStartsAt: opts.clockStartsAt,
      decisions: opts.decisions ?? rule.decisions,
      reasonRequiredFor: rule.reasonRequiredFor,
      citation,
      trigger: clockTrigger(rule, opts.resumedBy),
      ...this.escalationOf(rule, citation),
      rule,
    });
    await this.watch(task);
    return task.completion!;
  }

  /** The department that acts for a step's actor; a relay step in a case without a relaying authority cannot run. */
  private partyOf(actor: StepRule['actor']): string {
    const id = this.identity.parties[partyKey(actor)];
    if (!id) throw ApplicationFailure.create({ type: 'MissingParty', message: `the case names no ${actor}`, nonRetryable: true });
    return id;
  }

  /** A duty's ladder; a party's option's reminder and lapse (or, in cases started before options stayed open, its lapse). */
  private escalationOf(rule: StepRule, citation: Citation): Pick<TaskSpec, 'escalation' | 'ladder' | 'onLapse' | 'option'> {
    const policy = this.identity.pack.policy.escalation;
    if (!rule.option) {
      return {
        escalation: policy,
        ...(this.legalLadder ? { ladder: this.ladderOf(rule.dutyOf ?? rule.actor, rule.periodBasis, !rule.dutyOf || rule.dutyOf === rule.actor) } : {}),
      };
    }
    if (!this.optionsStayOpen) return { escalation: null, onLapse: rule.option.lapse.decision, option: legacyOptionTerms(rule.option) };
    const terms = optionTerms(rule.option);
    return {
      escalation: policy,
      ladder: optionLadder(policy, terms, citation),
      ...(terms.lapses ? { onLapse: terms.decision } : {}),
      option: terms,
    };
  }

  private ladderOf(actor: StepRule['actor'], periodBasis: StepRule['periodBasis'], assigneeIsAuthority = true): LadderRung[] {
    return byRule(() => ladderFor(this.identity.pack.policy.escalation, { holder: dutyHolderOf(actor), periodBasis, assigneeIsAuthority }));
  }

  private async open(spec: TaskSpec): Promise<TrackedTask> {
    const attempt = (this.attempts.get(spec.step) ?? 0) + 1;
    this.attempts.set(spec.step, attempt);
    const taskId = `${this.identity.requestId}/${spec.step}/${attempt}`;
    const query: DeadlineQuery = {
      start: spec.clockStartsAt,
      n: spec.period.n,
      unit: spec.period.unit,
      jurisdiction: this.identity.jurisdiction,
    };
    const deadline = await readModel().computeDeadline(query);
    const task: TrackedTask = {
      spec,
      taskId,
      query,
      extensions: [],
      deadline,
      revision: 0,
      recompute: false,
      firedAt: {},
      skipped: [],
      ladderRound: 0,
      sideTasks: [],
      state: 'open',
      recorded: false,
    };
    // Known to the handlers before its row exists, so an action on it can never arrive first.
    this.tasks.set(taskId, task);
    const written = await readModel().openTask({
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
      ...(spec.trigger ? { trigger: spec.trigger } : {}),
      ...(spec.option ? { option: spec.option } : {}),
      decisions: spec.decisions,
      reasonRequiredFor: spec.reasonRequiredFor,
      createdAt: nowIso(),
      ...(spec.extensionRequest ? { extensionRequest: spec.extensionRequest } : {}),
    });
    task.recorded = true;
    this.deliverNotices(written);
    this.publishDue(task);
    return task;
  }

  private async watch(task: TrackedTask): Promise<void> {
    let plannedFor = -1;
    let plannedAfter = -1;
    let ladder: PlannedRung[] = [];
    while (task.state === 'open') {
      if (task.recompute) {
        task.recompute = false;
        // A calendar the deadline cannot be counted in leaves it as it was (keptOnCalendarRefusal).
        let recomputed: Deadline;
        try {
          recomputed = await readModel().recomputeDeadline({ query: task.query, extensions: task.extensions });
        } catch (error) {
          recomputed = keptOnCalendarRefusal(error, task.deadline, task.taskId);
        }
        if (recomputed.endsAt !== task.deadline.endsAt || recomputed.provisional !== task.deadline.provisional) {
          await this.moveDeadline(task, recomputed, 'calendar-republished');
        }
      }
      if (task.spec.ladder) {
        // Re-planned after each firing too: a later rung counts from the instant the one before it really went out.
        if (plannedFor !== task.revision || plannedAfter !== rungsDone(task)) {
          plannedFor = task.revision;
          plannedAfter = rungsDone(task);
          try {
            ladder = await readModel().planEscalations({ deadline: task.deadline, policy: task.spec.escalation!, ladder: task.spec.ladder, fired: task.firedAt });
          } catch (error) {
            ladder = keptOnCalendarRefusal(error, ladder, task.taskId);
          }
        }
      } else if (plannedFor !== task.revision) {
        plannedFor = task.revision;
        try {
          ladder = task.spec.escalation ? await readModel().planEscalations({ deadline: task.deadline, policy: task.spec.escalation }) : [];
        } catch (error) {
          ladder = keptOnCalendarRefusal(error, ladder, task.taskId);
        }
      }
      const revision = task.revision;
      const paused = this.ladderPaused(task);
      const interrupted = () => task.state !== 'open' || task.revision !== revision || task.recompute || this.ladderPaused(task) !== paused;
      if (paused) {
        // A timely extension request holds the ladder until it is decided.
        await condition(interrupted);
        continue;
      }
      // An option that lapses: its reminder first, if one is due before the end, then the lapse at the due instant.
      const wake = nextWake(ladder, { fired: task.firedAt, skipped: task.skipped }, task.deadline, Date.now(), { lapses: !!task.spec.onLapse });
      task.skipped.push(...wake.skip);
      if (wake.kind === 'lapse') {
        const waitMs = wake.at - Date.now();
        if (waitMs > 0 && (await condition(interrupted, waitMs))) continue;
        await this.lapse(task);
        break;
      }
      if (wake.kind === 'idle') {
        await condition(interrupted);
        continue;
      }
      const next = wake.rung;
      const waitMs = wake.at - Date.now();
      if (waitMs > 0 && (await condition(interrupted, waitMs))) continue;
      const firedAt = nowIso();
      task.firedAt[next.rung] = firedAt;
      log.info('escalation', { taskId: task.taskId, rung: next.rung, at: next.at });
      const escalationId = task.ladderRound ? `${task.taskId}/${next.rung}/${task.ladderRound}` : `${task.taskId}/${next.rung}`;
      const recorded = await readModel().recordEscalation({
        taskId: task.taskId,
        requestId: this.identity.requestId,
        rung: next,
        firedAt,
        responsibleDepartmentId: task.spec.assignee.departmentId,
        responsibleRole: task.spec.assignee.role,
        authorityDepartmentId: this.identity.parties.authority,
        citation: task.spec.citation,
        ...(task.spec.ladder
          ? {
              escalationId,
              subject: { stepTitleZh: task.spec.titleZh, stepTitleEn: task.spec.titleEn, dueAt: task.deadline.endsAt },
            }
          : {}),
      });
      if (next.opensGovernmentOrder) await this.openGovernmentOrder(task);
      // Cases started before this check scheduled a delivery for every rung, listened to or not.
      if (patched('webhooks-only-when-listened-to') && !recorded?.webhooks) continue;
      this.deliveries.push(
        webhookActs.deliverWebhooks({ escalationId }).catch((error: unknown) => log.warn('webhook delivery gave up', { escalationId, error: String(error) })),
      );
    }
    await condition(() => task.state === 'done');
  }

  /** The ladder waits while a timely extension request awaits its decision (cases since the legal ladder). */
  private ladderPaused(task: TrackedTask): boolean {
    return !!task.spec.ladder && !!task.pendingExtension;
  }

  /**
   * After the report, the people's government orders correction within a time limit (Anhui art. 43; Hebei draft
   * art. 41): its own task, with a reminder and an overdue notice only. Cancelled if the step is done first.
   */
  private async openGovernmentOrder(task: TrackedTask): Promise<void> {
    const order = this.identity.pack.policy.escalation.ladder?.governmentOrder;
    if (!order || task.sideTasks.length > 0) return;
    const side = await this.open({
      step: `${task.spec.step}.government-order`,
      titleZh: `责令限期改正：${task.spec.titleZh}`,
      titleEn: `Order correction within a time limit: ${task.spec.titleEn}`,
      assignee: { departmentId: this.identity.parties.government, role: 'government-approver' },
      period: order.period.value,
      clockStartsAt: nowIso(),
      decisions: ['order-correction'],
      reasonRequiredFor: ['order-correction'],
      citation: { ...order.citation, note: [order.citation.note, `${order.period.zh} ${order.period.en}`].filter(Boolean).join(' ') },
      trigger: { zh: '自收到主管部门报告之日起', en: "from receipt of the authority's report" },
      escalation: this.identity.pack.policy.escalation,
      ladder: this.ladderOf('government', 'policy'),
    });
    task.sideTasks.push(side);
    this.deliveries.push(this.watch(side));
  }

  /** A party's option whose window ran out is taken as exercised the way the pack says. */
  private async lapse(task: TrackedTask): Promise<void> {
    const decision = task.spec.onLapse!;
    task.state = 'completing';
    const completedAt = nowIso();
    const written = await readModel().completeTask({
      taskId: task.taskId,
      requestId: this.identity.requestId,
      actor: { userId: 'system', departmentId: task.spec.assignee.departmentId },
      decision,
      reason: 'lapsed: the period for this option ran out',
      completedAt,
      late: false,
      lapsed: true,
    });
    this.deliverNotices(written);
    task.completion = { taskId: task.taskId, step: task.spec.step, decision, completedAt, completedBy: 'system' };
    task.state = 'done';
  }

  private async moveDeadline(task: TrackedTask, to: Deadline, cause: 'calendar-republished' | 'extension-granted'): Promise<void> {
    const from = task.deadline;
    task.deadline = to;
    task.revision += 1;
    // A grant overtakes the ladder of the old deadline: the task is not overdue any more and its ladder starts again.
    const clearsEscalation = cause === 'extension-granted' && !!task.spec.ladder && rungsDone(task) > 0;
    if (clearsEscalation) {
      task.firedAt = {};
      task.skipped = [];
      task.ladderRound += 1;
    }
    const written = await readModel().rescheduleTask({
      taskId: task.taskId,
      requestId: this.identity.requestId,
      revision: task.revision,
      from,
      to,
      cause,
      at: nowIso(),
      ...(clearsEscalation ? { clearsEscalation } : {}),
    });
    this.deliverNotices(written);
    this.publishDue(task);
  }

  private publishDue(task: TrackedTask): void {
    upsertSearchAttributes([
      { key: searchAttributes.step, value: task.spec.step },
      { key: searchAttributes.dueAt, value: new Date(task.deadline.endsAt) },
    ]);
  }

  private checkOpenAndActor(taskId: string, actor: CompleteTaskInput['actor']): TrackedTask {
    const task = this.tasks.get(taskId);
    if (!task) throw rejection(taskRejections.notFound, `No task ${taskId} in this case`);
    if (task.state !== 'open') throw rejection(taskRejections.notOpen, `Task ${taskId} is already ${task.state}`);
    const { departmentId, role } = task.spec.assignee;
    if (actor.departmentId !== departmentId || !actor.roles.includes(role)) {
      throw rejection(taskRejections.wrongActor, `Only ${role} of ${departmentId} may act on this task`);
    }
    return task;
  }

  private validateCompletion(input: CompleteTaskInput): void {
    const task = this.checkOpenAndActor(input.taskId, input.actor);
    if (!task.spec.decisions.includes(input.decision)) {
      throw rejection(taskRejections.invalidDecision, `Decision "${input.decision}" is not one of: ${task.spec.decisions.join(', ')}`);
    }
    if (task.spec.reasonRequiredFor.includes(input.decision) && !hasWrittenText(input.reason)) {
      throw rejection(taskRejections.reasonRequired, `Decision "${input.decision}" requires written reasons`);
    }
    if (input.payload && CATALOGUE_SUBMISSION_STEPS.has(task.spec.step)) {
      const payloadProblem = catalogueUpdateProblem(input.payload);
      if (payloadProblem) {
        throw ApplicationFailure.create({ type: taskRejections.invalidPayload, message: payloadProblem.message, details: [payloadProblem.field], nonRetryable: true });
      }
    }
    const basisProblem = checkLegalBasis(this.identity.pack, task.spec.rule ? task.spec.decisions : [], input);
    if (basisProblem) {
      throw ApplicationFailure.create({ type: taskRejections.legalBasisRequired, message: basisProblem.message, details: [basisProblem.field], nonRetryable: true });
    }
  }

  private async complete(input: CompleteTaskInput): Promise<TaskCompletion> {
    const task = this.tasks.get(input.taskId)!;
    task.state = 'completing';
    const completedAt = nowIso();
    let written: NoticesWritten | void;
    try {
      written = await readModelForUpdates().completeTask({
        taskId: task.taskId,
        requestId: this.identity.requestId,
        actor: input.actor,
        decision: input.decision,
        reason: input.reason,
        ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
        payload: input.payload,
        completedAt,
        late: Date.parse(completedAt) > Date.parse(task.deadline.endsAt),
      });
    } catch (error) {
      // Not recorded: the task is open again (never half-done), and the caller learns why with a typed failure.
      task.state = 'open';
      throw completionNotRecorded(error);
    }
    this.deliverNotices(written);
    if (task.pendingExtension) await this.cancel(task.pendingExtension, 'the step it would extend was completed');
    for (const side of task.sideTasks) await this.cancel(side, 'the step the order concerned was completed');
    task.completion = {
      taskId: task.taskId,
      step: task.spec.step,
      decision: input.decision,
      reason: input.reason,
      ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
      payload: input.payload,
      completedAt,
      completedBy: input.actor.userId,
    };
    task.state = 'done';
    return task.completion;
  }

  private async cancel(task: TrackedTask, why: string): Promise<void> {
    if (task.state !== 'open') return;
    task.state = 'completing';
    await readModel().cancelTask({ taskId: task.taskId, requestId: this.identity.requestId, reason: why, at: nowIso() });
    task.completion = { taskId: task.taskId, step: task.spec.step, decision: 'cancelled', completedAt: nowIso(), completedBy: 'system' };
    task.state = 'done';
  }

  private validateExtensionRequest(input: ExtensionRequestInput): void {
    const task = this.checkOpenAndActor(input.taskId, input.actor);
    const rule = task.spec.rule;
    if (task.pendingExtension) throw rejection(taskRejections.extensionPending, 'An extension request for this task awaits a decision');
    if (!hasWrittenText(input.reason)) throw rejection(taskRejections.reasonRequired, 'An extension request needs reasons');
    if (Date.now() > Date.parse(task.deadline.endsAt)) {
      throw rejection(taskRejections.extensionTooLate, `The period ended at ${task.deadline.endsAt}: an extension may be requested only while it runs`);
    }
    if (!rule) throw rejection(taskRejections.extensionNotAllowed, 'This task cannot be extended');
    const granted = task.extensions.reduce((a, b) => a + b, 0);
    if (!this.flow) throw rejection(taskRejections.extensionNotAllowed, 'This case has no flow yet');
    const check = validateExtension(this.identity.pack, this.flow, rule.id, input.n, granted);
    if (!check.ok) {
      throw rejection(check.reason === 'over-limit' ? taskRejections.extensionOverLimit : taskRejections.extensionNotAllowed, check.message);
    }
  }

  /** Opens the authority's task to decide the request; a grant extends the step from its current last day. */
  private async requestExtension(input: ExtensionRequestInput): Promise<ExtensionRequested> {
    const task = this.tasks.get(input.taskId)!;
    const ext = task.spec.rule!.extension!;
    const decisionPolicy = this.legalLadder ? this.identity.pack.policy.extensionDecision : undefined;
    const decisionPeriod = decisionPolicy?.value ?? defaultExtensionDecisionPeriod;
    const requestedAt = nowIso();
    const decisionTask = await this.open({
      step: `${task.spec.step}.extension`,
      titleZh: `审批延期申请：${task.spec.titleZh}（申请延长${input.n}${ext.max.unit === 'days' ? '日' : '个工作日'}）`,
      titleEn: `Decide an extension request: ${task.spec.titleEn} (+${input.n} ${ext.max.unit})`,
      // The authority's reviewer, or where the text has the provider agree (Anhui art. 26, direct review) the provider.
      assignee: { departmentId: this.partyOf(ext.approvedBy), role: ext.approvedBy === 'provider' ? 'provider' : 'authority-reviewer' },
      period: decisionPeriod,
      clockStartsAt: requestedAt,
      decisions: ['grant', 'refuse'],
      reasonRequiredFor: ['refuse'],
      trigger: { zh: '自收到延期申请之日起', en: 'from receipt of the extension request' },
      citation: {
        ...ext.citation,
        note: decisionPolicy
          ? `本地政策 Local policy: ${decisionPolicy.zh} / ${decisionPolicy.en}`
          : '审批期限为本地政策（2个工作日）The 2-working-day decision period is local policy.',
      },
      escalation: this.identity.pack.policy.escalation,
      ...(this.legalLadder
        ? {
            // The authority's own step with a local-policy period: reminder and overdue notice only.
            ladder: this.ladderOf(ext.approvedBy, 'policy'),
            extensionRequest: { taskId: task.taskId, n: input.n, unit: ext.max.unit, reason: input.reason.trim(), requestedBy: input.actor.userId, requestedAt },
          }
        : {}),
    });
    task.pendingExtension = decisionTask;
    const flow = { promise: this.awaitExtensionDecision(task, decisionTask, input.n), settled: false };
    // No rejection handler here: a failing sub-flow still fails the workflow as an unhandled rejection did before.
    void flow.promise.then(() => {
      flow.settled = true;
    });
    this.extensionFlows.push(flow);
    return { decisionTaskId: decisionTask.taskId };
  }

  private async awaitExtensionDecision(task: TrackedTask, decisionTask: TrackedTask, n: number): Promise<void> {
    await this.watch(decisionTask);
    const granted = decisionTask.completion?.decision === 'grant' && task.state === 'open';
    // The ladder stays paused until a grant has moved the deadline, so nothing fires on the deadline it replaces.
    if (!granted || !task.spec.ladder) {
      if (task.pendingExtension === decisionTask) task.pendingExtension = undefined;
    }
    if (!granted) return;
    const extended = await readModel().extendDeadline({ deadline: task.deadline, n });
    task.extensions.push(n);
    await this.moveDeadline(task, extended, 'extension-granted');
    if (task.pendingExtension === decisionTask) task.pendingExtension = undefined;
  }

  private state(): CaseState {
    return {
      requestId: this.identity.requestId,
      status: this.status,
      openTasks: [...this.tasks.values()]
        .filter((t) => t.state !== 'done' && t.recorded)
        .map((t) => ({
          taskId: t.taskId,
          step: t.spec.step,
          assigneeDepartmentId: t.spec.assignee.departmentId,
          assigneeRole: t.spec.assignee.role,
          dueAt: t.deadline.endsAt,
          decisions: [...t.spec.decisions],
          overdue: t.firedAt.overdue !== undefined,
          rungs: Object.keys(t.firedAt),
          skippedRungs: t.skipped.map((s) => ({ rung: s.rung, at: s.at, why: { code: s.why.code, zh: s.why.zh, en: s.why.en } })),
        })),
    };
  }
}

/** How many rungs of the current round are behind the task, sent or passed over (the ladder is re-planned when it grows). */
function rungsDone(task: TrackedTask): number {
  return Object.keys(task.firedAt).length + task.skipped.length;
}

function partyKey(actor: string): keyof Parties {
  if (actor === 'relay-authority') return 'relayAuthority';
  return actor === 'upper-authority' ? 'upperAuthority' : (actor as keyof Parties);
}

/**
 * What a calendar lookup of an open task gives, or — when the calendar refuses to count it (a keeper's data pushing it
 * past the years the calendar covers) — what the task had: the case carries on with its deadline and ladder as they
 * were, instead of failing for good over data a keeper can correct. Anything else still fails as before.
 */
function keptOnCalendarRefusal<T>(error: unknown, asItWas: T, taskId: string): T {
  // Caught around the awaited call itself, never by wrapping it: an extra promise layer would reorder the commands
  // of concurrent handlers and break the replay of running cases.
  const failure = error instanceof ActivityFailure ? error.cause : error;
  if (!(failure instanceof ApplicationFailure) || !failure.nonRetryable) throw error;
  log.warn('calendar lookup refused; the task keeps what it had', { taskId, error: failure.message });
  return asItWas;
}

/** The update's failure when the read model did not record a completion: refused data, or a database away. */
function completionNotRecorded(error: unknown): ApplicationFailure {
  // A local activity's failure arrives as itself, a scheduled one's as the cause of an ActivityFailure.
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure && failure.type === storeRefusedInput
    ? rejection(taskRejections.inputRefused, `The completion was not recorded: ${failure.message}`)
    : rejection(taskRejections.notRecorded, 'The completion could not be recorded now; the task is still open');
}

function rejection(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

function nowIso(): string {
  return new Date().toISOString();
}
