import { mainPath, nextStep, type FlowId, type Resumption, type StepRule } from '../rules';
import type { CaseRuntime } from './case-runtime';
import { casePack } from './case-start';
import { byRule, caseFailure } from './failures';
import type { CaseInput, TaskCompletion } from './messages';

export interface FlowResult {
  /** Every step taken, in order, with its decision. */
  completions: TaskCompletion[];
  last: TaskCompletion;
}

/** Side effects of a decision, before the case moves on (list an entry, apply a catalogue change…). */
export type DecisionHook = (step: StepRule, completion: TaskCompletion, next: ReturnType<typeof nextStep>) => Promise<void>;

/**
 * Walks a flow of the case's rule pack: each step's task, its clock started where the pack says, its decision routed
 * by the pack (branches, resumptions, endings). One interpreter for every process and every text.
 */
export async function runFlow(kase: CaseRuntime, input: CaseInput, flow: FlowId, onDecision?: DecisionHook): Promise<FlowResult> {
  const pack = byRule(() => casePack(input));
  kase.useFlow(flow);
  const maxReturns = pack.policy.returnForCompletion.maxReturns.value;
  const completedAt = new Map<string, string>();
  const completions: TaskCompletion[] = [];
  let current: StepRule | undefined = byRule(() => mainPath(pack, flow))[0];
  // The clock of a resumed request runs from the completed request's receipt (pack policy).
  let receipt = input.receivedAt;
  // The day the law or duties changed, where the case states it; else (cases from before) the receipt stood for it.
  let change = input.changedAt ?? input.receivedAt;
  let previousAt = input.receivedAt;
  // A resumed step's clock restarts from the decision that resumed it (the pack's `resumes`), whatever its anchor;
  // its article then applies by analogy.
  let resumedAt: string | undefined;
  let resumedBy: Resumption | undefined;
  let returns = 0;

  while (current) {
    let completion: TaskCompletion;
    if (current.immediate) {
      completion = { taskId: '', step: current.id, decision: current.id, completedAt: input.receivedAt, completedBy: 'system' };
      completions.push(completion);
      return { completions, last: completion };
    }
    await kase.setStatus(`awaiting-${current.id}`);
    const anchor = current.clockStartsAt.at;
    const clockStartsAt =
      resumedAt ??
      (anchor === 'receipt' ? receipt : anchor === 'change' ? change : anchor === 'previous-step' ? previousAt : (completedAt.get(anchor) ?? previousAt));
    const resumption = resumedBy;
    resumedAt = resumedBy = undefined;
    const decisions = returns >= maxReturns ? current.decisions.filter((d) => d !== 'return-incomplete') : current.decisions;
    completion = await kase.humanStep(current, { clockStartsAt, decisions, ...(resumption ? { resumedBy: resumption } : {}) });
    completions.push(completion);
    completedAt.set(current.id, completion.completedAt);
    previousAt = completion.completedAt;
    if (completion.decision === 'return-incomplete') returns += 1;
    const step = current;
    const next = byRule(() => nextStep(pack, flow, step.id, completion.decision));
    await onDecision?.(current, completion, next);
    if (next.kind === 'end') return { completions, last: completion };
    if (next.resumed) {
      receipt = change = resumedAt = completion.completedAt;
      resumedBy = current.resumes;
    }
    current = next.step;
  }
  throw caseFailure('EmptyFlow', `flow ${flow} of ${pack.id} has no steps`);
}
