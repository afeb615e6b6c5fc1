/** Finding flows and steps in a pack, and routing a decision to the next step. */
import { UnknownDecisionError, UnknownFlowError, UnknownStepError } from './errors.js';
import type { Decision, FlowId, RulePack, StepRule } from './types.js';

/** The flow's steps: main path first, then branch steps. Thrown when the pack has no such flow: `UnknownFlowError`. */
export function flowSteps(pack: RulePack, flow: FlowId | string): readonly StepRule[] {
  const steps = Object.hasOwn(pack.flows, flow) ? pack.flows[flow as FlowId] : undefined;
  if (!steps) throw new UnknownFlowError(pack.id, flow, Object.keys(pack.flows));
  return steps;
}

/** The main-path steps (no `branch`), in order. */
export function mainPath(pack: RulePack, flow: FlowId | string): readonly StepRule[] {
  return flowSteps(pack, flow).filter((s) => !s.branch);
}

/** One step. Thrown when absent: `UnknownFlowError`, `UnknownStepError`. */
export function step(pack: RulePack, flow: FlowId | string, stepId: string): StepRule {
  const steps = flowSteps(pack, flow);
  const found = steps.find((s) => s.id === stepId);
  if (!found) throw new UnknownStepError(pack.id, flow, stepId, steps.map((s) => s.id));
  return found;
}

/** Where a decision leads. */
export type NextStep =
  | { kind: 'step'; step: StepRule; /** True when the case returns to an earlier step whose clock restarts. */ resumed: boolean }
  | { kind: 'end' };

/**
 * The step a decision leads to: `endsOn` closes the case; a branch step whose condition matches is next; then the
 * step's `resumes`; on the main path, the next main-path step; otherwise the case ends.
 * Thrown when the decision is not allowed: `UnknownDecisionError`.
 */
export function nextStep(pack: RulePack, flow: FlowId | string, stepId: string, decision: Decision | string): NextStep {
  const current = step(pack, flow, stepId);
  if (!(current.decisions as readonly string[]).includes(decision)) {
    throw new UnknownDecisionError(stepId, decision, current.decisions);
  }
  const d = decision as Decision;
  if (current.endsOn?.includes(d)) return { kind: 'end' };
  const steps = flowSteps(pack, flow);
  const branch = steps.find((s) => s.branch?.after === current.id && s.branch.on.includes(d));
  if (branch) return { kind: 'step', step: branch, resumed: false };
  if (current.resumes?.on.includes(d)) return { kind: 'step', step: step(pack, flow, current.resumes.stepId), resumed: true };
  if (current.branch) return { kind: 'end' };
  const main = mainPath(pack, flow);
  const next = main[main.indexOf(current) + 1];
  return next ? { kind: 'step', step: next, resumed: false } : { kind: 'end' };
}
